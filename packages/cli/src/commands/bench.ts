/**
 * `cephalon bench run|report|synth|compare|score`: the evaluation bench from the command line.
 */
import { resolve } from 'node:path';
import {
  buildReport, generateScripts, loadSpec, parseAugmentArgs, readResults, readScripts, runBench, synthesizeDataset, writeReport,
  type BenchEvent, type ConfigSummary,
} from '@cephalon/bench';
import { pairedBootstrap } from '@cephalon/bench';
import { helpText, intOpt, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { listenForInterrupt } from '../interrupt.js';
import { loadReportLms, perplexityProgress, perplexityText, reportLmSpecs, takeRepeated } from './bench-lm.js';
import { SCORE_OPTIONS, scoreCommand } from './bench-score.js';

const HELP: OptionTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };
const NORMALIZER: OptionTable = { normalizer: { type: 'string', value: 'NAME', defaultText: 'lower-punct', help: 'text normaliser applied at scoring time (whisper-english, whisper-basic, lower-punct, none)' } };

interface Subcommand {
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionTable;
  readonly positionals: 0 | 1 | 2;
  /** Fewest positionals when fewer than `positionals` are allowed. */
  readonly minPositionals?: number;
  /** Options that may be given several times (collected in order into `lists`). */
  readonly repeated?: readonly string[];
  run(o: ParsedOptions, arg: string, io: CommandIo, lists: Readonly<Record<string, readonly string[]>>, positionals: readonly string[]): Promise<number>;
}

function progress(io: CommandIo): (e: BenchEvent) => void {
  return (e) => {
    if (e.type === 'start') io.stderr.write(`bench: ${e.total} items, ${e.skipped} already done${e.tornTail ? ' (a torn last line was dropped)' : ''}\n`);
    else if (e.type === 'engine-load') io.stderr.write(`bench: loading ${e.engine} (worker ${e.worker})\n`);
    else if (e.type === 'engine-ready') io.stderr.write(`bench: ${e.engine} loaded in ${e.loadSec.toFixed(2)} s\n`);
    else if (e.type === 'warmup') io.stderr.write(`bench: warm-up ${e.count} × ${e.config}\n`);
    else if (e.type === 'result') {
      const r = e.record;
      io.stderr.write(`[${e.done}/${e.total}] ${r.configLabel} ${r.dataset}/${r.utteranceId} ${r.error === undefined ? `${r.wallSec.toFixed(2)} s` : `ERROR ${r.error.code}`}\n`);
    } else io.stderr.write(`bench: ran ${e.ran}, skipped ${e.skipped}, ${e.wallSec.toFixed(1)} s\n`);
  };
}

function normalizerOf(o: ParsedOptions): { normalizer?: string } {
  const n = stringOpt(o, 'normalizer');
  return n === undefined ? {} : { normalizer: n };
}

function findSummary(summaries: readonly ConfigSummary[], name: string): ConfigSummary {
  const hits = summaries.filter((s) => s.label === name || s.configId === name);
  if (hits.length === 1 && hits[0] !== undefined) return hits[0];
  return usageError('bench compare', hits.length === 0 ? `no configuration '${name}'` : `'${name}' matches ${hits.length} dataset rows`, `known: ${summaries.map((s) => s.label).join(' | ')}`);
}

async function compareCommand(o: ParsedOptions, resultsPath: string, io: CommandIo): Promise<number> {
  const a = stringOpt(o, 'a');
  const b = stringOpt(o, 'b');
  if (a === undefined || b === undefined) usageError('bench compare', 'give --a and --b (configuration labels)');
  const report = buildReport(readResults(resultsPath).results, normalizerOf(o));
  const sa = findSummary(report.summaries, a);
  const sb = findSummary(report.summaries, b);
  const byId = (s: ConfigSummary): Map<string, (typeof report.utterances)[number]> => new Map(report.utterances.filter((u) => u.configId === s.configId && u.dataset === s.dataset).map((u) => [u.utteranceId, u]));
  const ua = byId(sa);
  const ub = byId(sb);
  const common = [...ua.keys()].filter((k) => ub.has(k)).sort();
  const totals = (m: Map<string, (typeof report.utterances)[number]>): { hits: number; substitutions: number; deletions: number; insertions: number; referenceLength: number; hypothesisLength: number }[] =>
    common.map((k) => {
      const x = (m.get(k) as (typeof report.utterances)[number]).metrics;
      return { hits: Number(x.hits), substitutions: Number(x.substitutions), deletions: Number(x.deletions), insertions: Number(x.insertions), referenceLength: Number(x.reference_words), hypothesisLength: Number(x.hypothesis_words) };
    });
  const p = pairedBootstrap(totals(ua), totals(ub), { seed: 0 });
  io.stdout.write(`A: ${sa.label}  WER ${p.a.toFixed(4)}  RTFx ${sa.rtfx.toFixed(2)}\nB: ${sb.label}  WER ${p.b.toFixed(4)}  RTFx ${sb.rtfx.toFixed(2)}\n` +
    `utterances: ${common.length}\nWER(A) - WER(B): ${p.difference.estimate.toFixed(4)}  95% CI [${p.difference.lower.toFixed(4)}, ${p.difference.upper.toFixed(4)}]\n` +
    `P(A better) = ${p.probabilityABetter.toFixed(3)}  P(B better) = ${p.probabilityBBetter.toFixed(3)}\n`);
  return EXIT.ok;
}

async function reportCommand(o: ParsedOptions, resultsPath: string, io: CommandIo, lmArgs: readonly string[]): Promise<number> {
  const out = stringOpt(o, 'out');
  if (out === undefined) usageError('bench report', 'give --out DIR');
  const title = stringOpt(o, 'title');
  const content = readResults(resolve(io.cwd, resultsPath));
  const lms = await loadReportLms(await reportLmSpecs(lmArgs, stringOpt(o, 'spec'), io.cwd), io);
  try {
    const options = {
      ...normalizerOf(o), ...(title === undefined ? {} : { title }), engineLoads: content.engineLoads,
      languageModels: lms, onPerplexityProgress: perplexityProgress(io),
    };
    const files = await writeReport(content.results, resolve(io.cwd, out), options);
    for (const s of files.report.summaries) {
      io.stdout.write(`${s.label} [${s.dataset}]  WER ${s.wer.toFixed(4)} [${s.werCi.lower.toFixed(4)}, ${s.werCi.upper.toFixed(4)}]  RTFx ${s.rtfx.toFixed(2)}  p50 ${s.latencySec.p50.toFixed(3)} s${perplexityText(s)}\n`);
    }
    io.stdout.write(`${files.html}\n`);
    return EXIT.ok;
  } finally {
    for (const lm of lms) await lm.scorer.dispose();
  }
}

/** `--tts` as a JSON array of strings, e.g. `["piper","--output_file","{out}","--text","{text}"]`. */
function ttsTemplate(text: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || v.length === 0 || !v.every((a) => typeof a === 'string')) {
    usageError('bench synth', `--tts must be a JSON array of strings, got ${text}`, `e.g. --tts '["espeak-ng","-v","en-gb","-w","{out}","--","{text}"]'`);
  }
  return v as string[];
}

async function synthCommand(o: ParsedOptions, io: CommandIo): Promise<number> {
  const out = stringOpt(o, 'out');
  if (out === undefined) usageError('bench synth', 'give --out DIR');
  const text = stringOpt(o, 'text');
  const llm = stringOpt(o, 'llm-url');
  if ((text === undefined) === (llm === undefined)) usageError('bench synth', 'give either --text FILE or --llm-url URL');
  const augmentText = stringOpt(o, 'augment');
  const augment = augmentText === undefined ? undefined : parseAugmentArgs(augmentText.split(/[\s;]+/).filter((s) => s !== ''));
  const ttsText = stringOpt(o, 'tts');
  const tts = ttsText === undefined ? undefined : ttsTemplate(ttsText);
  const voices = stringOpt(o, 'voices');
  const seed = intOpt('bench synth', o, 'seed', 0) ?? 0;
  const scripts = text !== undefined ? await readScripts(text.split(',').map((f) => resolve(io.cwd, f))) : await generateScripts({
    baseUrl: llm as string, model: stringOpt(o, 'llm-model') ?? 'llama3.2', count: intOpt('bench synth', o, 'count', 1) ?? 20,
    ...(io.env['OPENAI_API_KEY'] === undefined ? {} : { apiKey: io.env['OPENAI_API_KEY'] }),
  });
  const ds = await synthesizeDataset({
    scripts, outDir: resolve(io.cwd, out), seed,
    ...(augment === undefined ? {} : { augment }),
    ...(tts === undefined ? {} : { ttsCommand: tts }),
    ...(voices === undefined ? {} : { voices: voices.split(',') }),
    onProgress: (done, total, u) => io.stderr.write(`[${done}/${total}] ${u.id} ${u.durationSec.toFixed(2)} s\n`),
  });
  io.stdout.write(`${ds.source}\n`);
  return EXIT.ok;
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  run: {
    usage: 'cephalon bench run <spec.yaml|json> [--results FILE] [--workers N] [--warmup N]',
    summary: 'run (or resume) a spec: engines × parameter grid × datasets, appending to a JSONL results file',
    options: {
      results: { type: 'string', value: 'FILE', help: "results file (JSONL); default the spec's `results`" },
      workers: { type: 'string', value: 'N', help: "parallel workers (default the spec's, else 1)" },
      warmup: { type: 'string', value: 'N', help: 'untimed transcriptions per configuration before timing' },
      ...HELP,
    },
    positionals: 1,
    async run(o, specPath, io) {
      const spec = await loadSpec(resolve(io.cwd, specPath));
      const results = stringOpt(o, 'results');
      const workers = intOpt('bench run', o, 'workers', 1);
      const warmup = intOpt('bench run', o, 'warmup', 0);
      const interrupt = listenForInterrupt(io, 'finishing the utterances in flight, then stopping; press Ctrl-C again to quit at once');
      try {
        const r = await runBench(spec, {
          ...(results === undefined ? {} : { resultsPath: resolve(io.cwd, results) }),
          ...(workers === undefined ? {} : { workers }), ...(warmup === undefined ? {} : { warmup }), onEvent: progress(io),
          signal: interrupt.signal,
        });
        io.stdout.write(`${r.resultsPath}\n`);
        if (!interrupt.signal.aborted) return EXIT.ok;
        io.stderr.write(`cephalon: bench run interrupted: ${r.results.length} results kept in ${r.resultsPath}; run the same command again to resume\n`);
        return EXIT.interrupted;
      } finally {
        interrupt.dispose();
      }
    },
  },
  report: {
    usage: 'cephalon bench report <results.jsonl> --out DIR [--normalizer NAME] [--title TEXT] [--lm SPEC]... [--spec FILE]',
    summary: 'score results and write utterances.csv, summary.csv, report.json and report.html',
    options: {
      out: { type: 'string', value: 'DIR', help: 'output folder' }, title: { type: 'string', value: 'TEXT', help: 'report title' }, ...NORMALIZER,
      lm: { type: 'string', value: 'SPEC', help: 'language model for perplexity columns, repeatable: arpa:FILE.arpa[,name=X][,text=raw|normalized] or onnx:MODEL.onnx,TOKENIZER.json[,window=N][,stride=M][,bos=ID][,eos=ID][,name=X][,text=...]' },
      spec: { type: 'string', value: 'FILE', help: "also use the spec file's languageModels list" },
      ...HELP,
    },
    positionals: 1,
    repeated: ['lm'],
    run: (o, resultsPath, io, lists) => reportCommand(o, resultsPath, io, lists['lm'] ?? []),
  },
  synth: {
    usage: 'cephalon bench synth (--text FILE[,FILE] | --llm-url URL) --out DIR [--augment SPEC] [--seed N]',
    summary: 'make a synthetic dataset: scripts -> TTS (espeak-ng) -> 16 kHz WAV -> seeded augmentation -> manifest.jsonl',
    options: {
      text: { type: 'string', value: 'FILE', help: 'text file(s), one utterance per line' },
      'llm-url': { type: 'string', value: 'URL', help: 'OpenAI-compatible chat server writing the scripts' },
      'llm-model': { type: 'string', value: 'NAME', defaultText: 'llama3.2', help: 'chat model name' },
      count: { type: 'string', value: 'N', defaultText: '20', help: 'scripts to ask the LLM for' },
      out: { type: 'string', value: 'DIR', help: 'output folder (audio/ and manifest.jsonl)' },
      augment: { type: 'string', value: 'SPEC', help: "e.g. 'speed=0.9,1.1 pitch=-200,200 reverb=50 noise=20,10 p=0.5'" },
      seed: { type: 'string', value: 'N', defaultText: '0', help: 'seed of the augmentation plan and noise' },
      tts: { type: 'string', value: 'JSON', help: `TTS argument template, default '["espeak-ng","-w","{out}","--","{text}"]'` },
      voices: { type: 'string', value: 'LIST', help: 'voices cycled into {voice}, comma-separated' },
      ...HELP,
    },
    positionals: 0,
    run: (o, _arg, io) => synthCommand(o, io),
  },
  compare: {
    usage: 'cephalon bench compare <results.jsonl> --a CONFIG --b CONFIG [--normalizer NAME]',
    summary: 'paired bootstrap of two configurations on their common utterances',
    options: { a: { type: 'string', value: 'CONFIG', help: 'configuration label or id' }, b: { type: 'string', value: 'CONFIG', help: 'configuration label or id' }, ...NORMALIZER, ...HELP },
    positionals: 1,
    run: (o, resultsPath, io) => compareCommand(o, resolve(io.cwd, resultsPath), io),
  },
  score: {
    usage: 'cephalon bench score REF HYP | REF_DIR HYP_DIR | MANIFEST.jsonl [--normalizer NAME] [--align] [--global] [--json]',
    summary: 'score transcripts from any tool: WER, CER, MER, WIL and S/D/I (two files line by line, two folders of .txt by name, or a manifest with text/pred_text)',
    options: { ...SCORE_OPTIONS, ...HELP },
    positionals: 2,
    minPositionals: 1,
    run: (o, _arg, io, _lists, positionals) => scoreCommand(o, positionals, io),
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(8)}${s.summary}`);
  return `Usage: cephalon bench <run|report|synth|compare|score> [options]\n\nEvaluate speech-to-text engines and settings (see docs/bench.md).\n\nSubcommands:\n${lines.join('\n')}\n`;
}

async function benchCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (sub === undefined) usageError('bench', `unknown subcommand '${name}'`, 'use run, report, synth, compare or score');
  const lists: Record<string, string[]> = {};
  let remaining = rest;
  for (const r of sub.repeated ?? []) {
    const taken = takeRepeated(remaining, r);
    lists[r] = taken.values;
    remaining = taken.rest;
  }
  const { options, positionals } = parseCommandArgs(`bench ${name}`, remaining, sub.options, sub.positionals > 0);
  if (options['help'] === true) {
    io.stdout.write(helpText(sub.usage, sub.summary, sub.options));
    return EXIT.ok;
  }
  if (positionals.length > sub.positionals || positionals.length < (sub.minPositionals ?? sub.positionals)) {
    usageError(`bench ${name}`, `expected ${sub.minPositionals === undefined ? '' : `${sub.minPositionals} to `}${sub.positionals} argument(s), got ${positionals.length}`, `usage: ${sub.usage}`);
  }
  return sub.run(options, positionals[0] ?? '', io, lists, positionals);
}

const bench: Command = {
  summary: 'evaluate engines and settings: run specs, write reports, make synthetic data, compare configurations',
  async run(args, io) {
    try {
      return await benchCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default bench;
