/**
 * `cephalon research logits capture|inspect`: write a logit capture of an audio file (top-k or full rows, the §12
 * confidence measures, optionally an annotated transcript for a downstream language model), and summarise a capture
 * with its low-confidence steps. Format and figures: docs/research.md §1.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  annotatedJson, annotatedText, annotateTranscript, createChunkedOverlapStrategy, createTranscriber, DEFAULT_LOW_CONFIDENCE_RULE, loadTokenizer,
  MEASURE_NAMES, PLACE, readLogitCapture, sequentialStrategy, summarizeCapture, validateRule, writeLogitCapture,
} from '@cephalon/stt';
import type { LogitCaptureFile, LowConfidenceRule, TranscribeOptions } from '@cephalon/stt';
import { choiceOpt, helpText, intOpt, numberOpt, parseCommandArgs, stringOpt, usageError } from '../../args.js';
import type { OptionTable, ParsedOptions } from '../../args.js';
import { EXIT } from '../../command.js';
import type { Command, CommandIo } from '../../command.js';
import { reportError } from '../../errors.js';
import { ProgressBar, secondsAmount } from '../../progress-bar.js';

const RULE_OPTIONS: OptionTable = {
  'token-prob-below': { type: 'string', value: 'P', help: 'low confidence: emitted token probability below P' },
  'max-prob-below': { type: 'string', value: 'P', help: 'low confidence: largest probability below P' },
  'entropy-below': { type: 'string', value: 'C', help: 'low confidence: entropy-normalised confidence below C' },
  'margin-below': { type: 'string', value: 'M', help: 'low confidence: top-1 minus top-2 logit below M' },
  'top3-within': { type: 'string', value: 'X', help: 'low confidence: top-3 logits within X of each other' },
};
const HELP: OptionTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };

/** The rule from the options; none given = `DEFAULT_LOW_CONFIDENCE_RULE` (token probability < 0.5 or margin < 1). */
function ruleFrom(command: string, o: ParsedOptions): LowConfidenceRule {
  const rule: Record<string, number> = {};
  const map = { 'token-prob-below': 'tokenProbBelow', 'max-prob-below': 'maxProbBelow', 'entropy-below': 'entropyConfidenceBelow', 'margin-below': 'marginBelow', 'top3-within': 'top3Within' } as const;
  for (const [flag, field] of Object.entries(map)) {
    const v = numberOpt(command, o, flag);
    if (v !== undefined) rule[field] = v;
  }
  return Object.keys(rule).length === 0 ? DEFAULT_LOW_CONFIDENCE_RULE : validateRule(rule as LowConfidenceRule, 'rule');
}

function ruleText(rule: LowConfidenceRule): string {
  return Object.entries(rule).map(([k, v]) => `${k} ${String(v)}`).join(', ');
}

interface Sub {
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionTable;
  run(o: ParsedOptions, file: string, io: CommandIo): Promise<number>;
}

const capture: Sub = {
  usage: 'cephalon research logits capture AUDIO --model DIR --out FILE.cphlogits [--top-k 5] [--full] [--annotate FILE.txt|FILE.json]',
  summary: 'transcribe AUDIO and write the per-step logit capture (the transcript goes to stdout)',
  options: {
    model: { type: 'string', value: 'DIR', help: 'model folder, alias or Hub id (required)' },
    out: { type: 'string', value: 'FILE', help: 'capture file to write (required)' },
    'top-k': { type: 'string', value: 'K', defaultText: '5', help: 'largest logits kept per step' },
    full: { type: 'boolean', help: 'also keep every step\'s whole logit row (large; offline work)' },
    strategy: { type: 'string', value: 'NAME', defaultText: 'sequential', help: 'sequential, or chunked (overlapping windows; marks steps in the overlaps)' },
    language: { type: 'string', value: 'CODE', help: 'language (default: detect)' },
    'beam-size': { type: 'string', value: 'N', help: 'beam search with N beams (default greedy)' },
    'sample-len': { type: 'string', value: 'N', help: 'maximum tokens per window' },
    annotate: { type: 'string', value: 'FILE', help: 'also write the transcript with low-confidence words in [[ ]] (.txt or .json)' },
    ...RULE_OPTIONS,
    ...HELP,
  },
  async run(o, audio, io) {
    const c = 'research logits capture';
    const model = stringOpt(o, 'model');
    const out = stringOpt(o, 'out');
    if (model === undefined || out === undefined) usageError(c, '--model and --out are required');
    const topK = intOpt(c, o, 'top-k', 1) ?? 5;
    const annotate = stringOpt(o, 'annotate');
    if (annotate !== undefined && !/\.(txt|json)$/.test(annotate)) usageError(c, `--annotate ${annotate}: the file must end in .txt or .json`);
    const rule = ruleFrom(c, o);
    const strategyName = choiceOpt(c, o, 'strategy', ['sequential', 'chunked'] as const) ?? 'sequential';
    const beamSize = intOpt(c, o, 'beam-size', 1);
    const sampleLen = intOpt(c, o, 'sample-len', 1);
    const language = stringOpt(o, 'language');
    const transcriber = await createTranscriber({ model: resolve(io.cwd, model) });
    try {
      let file: LogitCaptureFile | undefined;
      const bar = new ProgressBar(io.stderr, audio, secondsAmount);
      const options: TranscribeOptions = {
        strategy: strategyName === 'chunked' ? createChunkedOverlapStrategy({}) : sequentialStrategy,
        ...(language === undefined ? {} : { language }),
        ...(beamSize === undefined ? {} : { decoding: { kind: 'beam', beamSize } }),
        ...(sampleLen === undefined ? {} : { sampleLen }),
        onProgress: (e) => bar.update(e.doneSec, e.totalSec),
        captureLogits: { topK, full: o['full'] === true, onCapture: (f) => (file = f) },
      };
      const transcript = await transcriber.transcribe(resolve(io.cwd, audio), options);
      bar.finish();
      if (file === undefined) throw new Error('the transcriber returned without a capture');
      const withAudio: LogitCaptureFile = { ...file, source: { ...file.source, audio } };
      await writeLogitCapture(resolve(io.cwd, out), withAudio);
      const steps = withAudio.decodes.reduce((n, d) => n + d.steps, 0);
      io.stderr.write(`cephalon: wrote ${out}: ${withAudio.decodes.length} decodes, ${steps} steps, top-${topK}${withAudio.full ? ' + full rows' : ''}\n`);
      io.stdout.write(transcript.text.trim() + '\n');
      if (annotate !== undefined) {
        const a = annotateTranscript(transcript, rule);
        await writeFile(resolve(io.cwd, annotate), annotate.endsWith('.json') ? annotatedJson(a) : annotatedText(a));
        io.stderr.write(`cephalon: wrote ${annotate}: ${a.regions.length} low-confidence regions (${ruleText(rule)})\n`);
      }
      return EXIT.ok;
    } finally {
      await transcriber.dispose();
    }
  },
};

const PLACE_TEXT: Record<number, string> = { [PLACE.none]: '-', [PLACE.prevOverlap]: 'prev', [PLACE.nextOverlap]: 'next', [PLACE.prevOverlap | PLACE.nextOverlap]: 'both', [PLACE.unknown]: '?' };

const inspect: Sub = {
  usage: 'cephalon research logits inspect FILE.cphlogits [--token-prob-below P ...] [--limit N] [--model DIR] [--json]',
  summary: 'summarise a capture: decodes, steps, mean measures, and the low-confidence steps with their alternatives',
  options: {
    limit: { type: 'string', value: 'N', defaultText: '20', help: 'low-confidence steps listed (0 = all)' },
    model: { type: 'string', value: 'DIR', help: 'model folder whose tokenizer shows token text (default: ids)' },
    json: { type: 'boolean', help: 'print the summary as JSON' },
    ...RULE_OPTIONS,
    ...HELP,
  },
  async run(o, path, io) {
    const c = 'research logits inspect';
    const rule = ruleFrom(c, o);
    const limit = intOpt(c, o, 'limit', 0) ?? 20;
    const file = await readLogitCapture(resolve(io.cwd, path));
    const summary = summarizeCapture(file, rule);
    if (o['json'] === true) {
      io.stdout.write(JSON.stringify({ file: path, rule, topK: file.topK, full: file.full, source: file.source, ...summary }, null, 2) + '\n');
      return EXIT.ok;
    }
    const model = stringOpt(o, 'model');
    const tokenizer = model === undefined ? null : await loadTokenizer(resolve(io.cwd, model));
    const show = (id: number) => (tokenizer === null ? String(id) : JSON.stringify(tokenizer.decode([id])));
    const lines = [
      `${path}: ${summary.decodes} decodes (${summary.acceptedDecodes} used), ${summary.steps} steps in used decodes, top-${file.topK}${file.full ? ' + full rows' : ''}, vocab ${file.vocab}`,
      'mean measures over used steps:',
      ...MEASURE_NAMES.map((n) => `  ${n.padEnd(18)} ${Number.isNaN(summary.means[n]) ? 'n/a (top-k mode)' : summary.means[n].toFixed(4)}`),
      `low-confidence steps (${ruleText(rule)}): ${summary.lowConfidence.length} of ${summary.steps}`,
    ];
    const listed = limit === 0 ? summary.lowConfidence : summary.lowConfidence.slice(0, limit);
    if (listed.length > 0) lines.push('  window step  place token                 p(token)  margin  alternatives (logit)');
    for (const l of listed) {
      const alts = l.alternatives.slice(0, 5).map((a) => `${show(a.id)} ${a.logit.toFixed(2)}`).join(', ');
      lines.push(`  ${String(l.window).padStart(6)} ${String(l.step).padStart(5)}  ${(PLACE_TEXT[l.place] ?? '?').padEnd(5)} ${show(l.token).padEnd(20)} ${l.measures.tokenProb.toFixed(4).padStart(9)} ${l.measures.margin.toFixed(2).padStart(7)}  ${alts}`);
    }
    if (listed.length < summary.lowConfidence.length) lines.push(`  ... ${summary.lowConfidence.length - listed.length} more (--limit 0 lists all)`);
    io.stdout.write(lines.join('\n') + '\n');
    return EXIT.ok;
  },
};

const SUBS: Readonly<Record<string, Sub>> = { capture, inspect };

function usage(): string {
  const lines = Object.entries(SUBS).map(([name, s]) => `  ${name.padEnd(9)}${s.summary}`);
  return `Usage: cephalon research logits <capture|inspect> [options]\n\nLogit capture and low-confidence analysis (research; random-weight dev models show mechanism only).\n\nSubcommands:\n${lines.join('\n')}\n\nRun 'cephalon research logits <subcommand> --help' for its options.\n`;
}

const logits: Command = {
  summary: 'logit capture: write per-step logits and confidence measures of a transcription; inspect a capture',
  async run(args, io) {
    try {
      const [name, ...rest] = args;
      if (name === undefined || name === '--help' || name === '-h') {
        io.stdout.write(usage());
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      const sub = Object.hasOwn(SUBS, name) ? SUBS[name] : undefined;
      if (sub === undefined) usageError('research logits', `unknown subcommand '${name}'`, 'use capture or inspect');
      const { options, positionals } = parseCommandArgs(`research logits ${name}`, rest, sub.options, true);
      if (options['help'] === true) {
        io.stdout.write(helpText(sub.usage, sub.summary, sub.options));
        return EXIT.ok;
      }
      if (positionals.length !== 1) usageError(`research logits ${name}`, `expected one file argument, got ${positionals.length}`, `usage: ${sub.usage}`);
      return await sub.run(options, positionals[0] as string, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default logits;
