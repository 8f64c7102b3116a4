/**
 * `cephalon eidolon run|replay|plot|equations`: replays event logs through the Eidolon field, re-runs
 * recorded trajectories and checks their hash, plots them, and prints the equations as an Obsidian note.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_INPUT_PARAMS, DEFAULT_LOOP_PARAMS, DEFAULT_RUN_CONFIG, EidolonError, InputEventError, InvalidParameterError, TrajectoryError,
  createLexiconScorer, createLlmScorer, createWorld, driveLevelCircuits, equationsNote, parseEventLog, parseTrajectory, recordTrajectory, replayTrajectory,
  scoreEvents, trajectoryHtml, trajectorySvg,
} from '@cephalon/eidolon';
import type { RunConfig, Scorer } from '@cephalon/eidolon';
import { helpText, intOpt, numberOpt, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';

const HELP_OPTION: OptionTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };

interface Subcommand {
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionTable;
  readonly positionals: 0 | 1;
  run(o: ParsedOptions, arg: string, io: CommandIo): Promise<number>;
}

function readText(io: CommandIo, path: string, what: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    throw new InvalidParameterError(`cannot read ${what} '${path}': ${(cause as Error).message}`, 'check the path');
  }
}

function scorerFrom(o: ParsedOptions, io: CommandIo): Scorer {
  const kind = stringOpt(o, 'scorer') ?? 'lexicon';
  if (kind === 'lexicon') return createLexiconScorer();
  if (kind !== 'llm') usageError('eidolon run', `--scorer must be lexicon or llm, got '${kind}'`);
  const baseUrl = stringOpt(o, 'llm-url');
  const model = stringOpt(o, 'llm-model');
  if (baseUrl === undefined || model === undefined) usageError('eidolon run', '--scorer llm needs --llm-url and --llm-model');
  const timeoutMs = numberOpt('eidolon run', o, 'llm-timeout-ms');
  const apiKey = io.env['OPENAI_API_KEY'];
  return createLlmScorer({
    baseUrl, model, ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(apiKey === undefined ? {} : { apiKey }),
    onFallback: (e) => io.stderr.write(`cephalon: scorer fell back to the lexicon (${e.reason}): ${e.message}\n`),
  });
}

function runConfig(o: ParsedOptions): RunConfig {
  const c = 'eidolon run';
  const steps = intOpt(c, o, 'steps', 1);
  const dtSec = numberOpt(c, o, 'dt') ?? DEFAULT_RUN_CONFIG.dtSec;
  if (!(dtSec > 0)) usageError(c, '--dt must be > 0');
  const model = stringOpt(o, 'model') ?? 'field';
  if (model !== 'field' && model !== 'drive-level') usageError(c, `--model must be field or drive-level, got '${model}'`);
  return {
    ...DEFAULT_RUN_CONFIG,
    ...(model === 'drive-level' ? { world: { ...DEFAULT_RUN_CONFIG.world, circuits: driveLevelCircuits(DEFAULT_RUN_CONFIG.world.dims ?? 8) } } : {}),
    seed: intOpt(c, o, 'seed', 0) ?? DEFAULT_RUN_CONFIG.seed,
    dtSec,
    tailSec: numberOpt(c, o, 'tail') ?? DEFAULT_RUN_CONFIG.tailSec,
    recordEvery: intOpt(c, o, 'record-every', 0) ?? DEFAULT_RUN_CONFIG.recordEvery,
    ...(steps === undefined ? {} : { steps }),
  };
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  run: {
    usage: 'cephalon eidolon run --events events.jsonl [--seed N] [--out trajectory.jsonl] [--model field|drive-level]',
    summary: 'replay an event log (JSONL: timestamp, modality, content, speaker) through the field and write a trajectory',
    options: {
      events: { type: 'string', value: 'FILE', help: 'event log, one JSON event per line (required)' },
      seed: { type: 'string', value: 'N', defaultText: '0', help: 'random seed of the world' },
      out: { type: 'string', value: 'FILE', defaultText: 'stdout', help: 'trajectory file (JSONL)' },
      dt: { type: 'string', value: 'SEC', defaultText: String(DEFAULT_RUN_CONFIG.dtSec), help: 'time step' },
      steps: { type: 'string', value: 'N', help: 'number of steps (default: last event + --tail)' },
      tail: { type: 'string', value: 'SEC', defaultText: String(DEFAULT_RUN_CONFIG.tailSec), help: 'simulated seconds after the last event' },
      'record-every': { type: 'string', value: 'N', defaultText: String(DEFAULT_RUN_CONFIG.recordEvery), help: 'record positions every N steps' },
      model: { type: 'string', value: 'MODEL', defaultText: 'field', help: 'circuit model: field, or drive-level (scalar circuit states s1..s8, spec A2.4)' },
      scorer: { type: 'string', value: 'KIND', defaultText: 'lexicon', help: 'lexicon, or llm (an OpenAI-compatible endpoint; falls back to the lexicon)' },
      'llm-url': { type: 'string', value: 'URL', help: 'server root of the chat-completions endpoint' },
      'llm-model': { type: 'string', value: 'NAME', help: 'model name sent to the endpoint' },
      'llm-timeout-ms': { type: 'string', value: 'MS', defaultText: '5000', help: 'per-request timeout' },
      ...HELP_OPTION,
    },
    positionals: 0,
    async run(o, _arg, io) {
      const path = stringOpt(o, 'events');
      if (path === undefined) usageError('eidolon run', '--events is required');
      const config = runConfig(o);
      const events = parseEventLog(readText(io, path, 'event log'), path);
      const scored = await scoreEvents(events, scorerFrom(o, io));
      const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
      const progress = (done: number, total: number): void => {
        if (done % Math.max(1, Math.floor(total / 20)) === 0 || done === total) io.stderr.write(`\reidolon: step ${done}/${total}${done === total ? '\n' : ''}`);
      };
      const { lines, stateHash } = recordTrajectory(scored, config, tty ? progress : undefined);
      const out = stringOpt(o, 'out');
      if (out === undefined) io.stdout.write(`${lines.join('\n')}\n`);
      else writeFileSync(resolve(io.cwd, out), `${lines.join('\n')}\n`);
      io.stderr.write(`eidolon: ${events.length} events, ${lines.length - 2} samples, seed ${config.seed}, final state hash ${stateHash}${out === undefined ? '' : ` -> ${out}`}\n`);
      return EXIT.ok;
    },
  },
  replay: {
    usage: 'cephalon eidolon replay <trajectory.jsonl>',
    summary: 're-run a trajectory from its recorded seed, events and parameters and verify the final state hash',
    options: HELP_OPTION,
    positionals: 1,
    async run(_o, path, io) {
      const report = replayTrajectory(parseTrajectory(readText(io, path, 'trajectory')));
      const line = `final state hash ${report.actualHash} (recorded ${report.expectedHash}), ${report.samplesCompared} samples compared, ${report.sampleMismatches} differ`;
      if (report.matches) {
        io.stdout.write(`replay ok: ${line}\n`);
        return Promise.resolve(EXIT.ok);
      }
      io.stderr.write(`cephalon: replay MISMATCH: ${line}\n`);
      return Promise.resolve(EXIT.failure);
    },
  },
  plot: {
    usage: 'cephalon eidolon plot <trajectory.jsonl> --out plot.svg|plot.html',
    summary: 'plot the trajectories projected to 2-D by PCA (fixed axes 1-2 when there is no spread)',
    options: { out: { type: 'string', value: 'FILE', help: 'output file; .svg or .html (required)' }, ...HELP_OPTION },
    positionals: 1,
    async run(o, path, io) {
      const out = stringOpt(o, 'out');
      if (out === undefined || !/\.(svg|html?)$/i.test(out)) usageError('eidolon plot', '--out must name a .svg or .html file');
      const t = parseTrajectory(readText(io, path, 'trajectory'));
      writeFileSync(resolve(io.cwd, out), /\.svg$/i.test(out) ? trajectorySvg(t) : trajectoryHtml(t));
      io.stderr.write(`eidolon: plotted ${t.samples.length} samples -> ${out}\n`);
      return Promise.resolve(EXIT.ok);
    },
  },
  equations: {
    usage: 'cephalon eidolon equations --obsidian [--out note.md]',
    summary: 'print the model equations with the current parameter values as an Obsidian Markdown note',
    options: {
      obsidian: { type: 'boolean', help: 'Obsidian Markdown with KaTeX $$ blocks (the only format, accepted for clarity)' },
      out: { type: 'string', value: 'FILE', defaultText: 'stdout', help: 'write the note to a file' },
      ...HELP_OPTION,
    },
    positionals: 0,
    async run(o, _arg, io) {
      const note = equationsNote(createWorld(DEFAULT_RUN_CONFIG.world, 0).params, DEFAULT_INPUT_PARAMS, DEFAULT_LOOP_PARAMS);
      const out = stringOpt(o, 'out');
      if (out === undefined) io.stdout.write(note);
      else writeFileSync(resolve(io.cwd, out), note);
      return Promise.resolve(EXIT.ok);
    },
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(10)}${s.summary}`);
  return `Usage: cephalon eidolon <run|replay|plot|equations> [options]\n\nThe Eidolon mental-state field: event logs, trajectories, plots and equations.\n\nSubcommands:\n${lines.join('\n')}\n\nRun 'cephalon eidolon <subcommand> --help' for its options.\n`;
}

async function eidolonCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (sub === undefined) usageError('eidolon', `unknown subcommand '${name}'`, 'use run, replay, plot or equations');
  const { options, positionals } = parseCommandArgs(`eidolon ${name}`, rest, sub.options, sub.positionals > 0);
  if (options['help'] === true) {
    io.stdout.write(helpText(sub.usage, sub.summary, sub.options));
    return EXIT.ok;
  }
  if (positionals.length !== sub.positionals) usageError(`eidolon ${name}`, `expected ${sub.positionals} file argument(s), got ${positionals.length}`, `usage: ${sub.usage}`);
  return sub.run(options, positionals[0] ?? '', io);
}

/** EidolonErrors (the eidolon package has its own base class) as one line; input problems exit with inputError. */
function reportEidolon(error: EidolonError, io: CommandIo): number {
  const hint = error.hint === undefined ? '' : ` (${error.hint.replace(/\.$/, '')})`;
  io.stderr.write(`cephalon: ${error.message}${hint}\n`);
  const input = error instanceof InputEventError || error instanceof TrajectoryError || error instanceof InvalidParameterError;
  return input ? EXIT.inputError : EXIT.failure;
}

const eidolon: Command = {
  summary: 'run, replay and plot the Eidolon field; print its equations',
  async run(args, io) {
    try {
      return await eidolonCommand(args, io);
    } catch (error) {
      if (error instanceof EidolonError) return reportEidolon(error, io);
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default eidolon;
