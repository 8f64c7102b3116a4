/**
 * `cephalon queue submit|status|results`: batch transcription on Redis (docs/queue.md). `submit` takes the
 * decoding options of `cephalon transcribe`; `results` prints or writes each finished transcript.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { queueResults, queueStatus, submitFiles } from '@cephalon/server';
import type { EngineOptions } from '@cephalon/server';
import { helpText, intOpt, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { TRANSCRIBE_OPTIONS, transcribeOptionsFrom } from './transcribe-options.js';

const CMD = 'queue';
const HELP_OPTION: OptionTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };
const COMMON: OptionTable = {
  redis: { type: 'string', value: 'URL', help: 'Redis URL, e.g. redis://127.0.0.1:6379 (required)' },
  'queue-name': { type: 'string', value: 'NAME', defaultText: 'cephalon-transcribe', help: 'BullMQ queue' },
};
/** The decoding options of `cephalon transcribe` that a job can carry. */
const DECODING = ['language', 'task', 'temperature', 'temperature-increment-on-fallback', 'best-of', 'beam-size', 'patience', 'length-penalty', 'compression-ratio-threshold', 'logprob-threshold', 'no-speech-threshold', 'initial-prompt', 'carry-initial-prompt', 'condition-on-previous-text', 'suppress-tokens', 'clip-timestamps', 'sample-len', 'without-timestamps', 'repetition-penalty', 'no-repeat-ngram-size'];

const SUBMIT_OPTIONS: OptionTable = {
  ...COMMON,
  'by-path': { type: 'boolean', help: 'send file paths instead of the audio (workers must see the same files)' },
  attempts: { type: 'string', value: 'N', defaultText: '3', help: 'tries per job, with exponential backoff (unreadable audio fails at once)' },
  ...Object.fromEntries(DECODING.map((k) => [k, TRANSCRIBE_OPTIONS[k] as OptionTable[string]])),
  ...HELP_OPTION,
};
const STATUS_OPTIONS: OptionTable = { ...COMMON, json: { type: 'boolean', help: 'print JSON' }, ...HELP_OPTION };
const RESULTS_OPTIONS: OptionTable = {
  ...COMMON,
  json: { type: 'boolean', help: 'print every result and failure as JSON' },
  'output-dir': { type: 'string', short: 'o', value: 'DIR', help: 'also write <name>.json (verbose_json) per finished file' },
  ...HELP_OPTION,
};

function redisOf(o: ParsedOptions): { redisUrl: string; queueName?: string } {
  const redisUrl = stringOpt(o, 'redis') ?? usageError(CMD, 'no --redis URL given');
  const queueName = stringOpt(o, 'queue-name');
  return queueName === undefined ? { redisUrl } : { redisUrl, queueName };
}

async function submit(o: ParsedOptions, files: readonly string[], io: CommandIo): Promise<number> {
  if (files.length === 0) usageError(CMD, 'no audio file given', 'usage: cephalon queue submit FILES... --redis URL');
  const { strategy: _none, onProgress: _p, onSegment: _s, ...options } = transcribeOptionsFrom(o);
  const attempts = intOpt(CMD, o, 'attempts', 1);
  const jobs = await submitFiles({
    ...redisOf(o),
    files: files.map((f) => resolve(io.cwd, f)),
    options: options satisfies EngineOptions,
    byPath: o['by-path'] === true,
    ...(attempts === undefined ? {} : { attempts }),
  });
  for (const [i, j] of jobs.entries()) io.stdout.write(`${j.jobId}\t${files[i] ?? j.file}${j.created ? '' : '\t(already queued)'}\n`);
  return EXIT.ok;
}

async function status(o: ParsedOptions, io: CommandIo): Promise<number> {
  const { redisUrl, queueName } = redisOf(o);
  const s = await queueStatus(redisUrl, queueName);
  if (o['json'] === true) {
    io.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  for (const j of s.jobs) {
    const p = j.progress === null ? '' : `\t${j.progress.doneSec.toFixed(1)}/${j.progress.totalSec.toFixed(1)} s on ${j.progress.worker}`;
    io.stdout.write(`${j.jobId}\t${j.state}\t${j.file}${p}\n`);
  }
  return EXIT.ok;
}

async function results(o: ParsedOptions, io: CommandIo): Promise<number> {
  const { redisUrl, queueName } = redisOf(o);
  const r = await queueResults(redisUrl, queueName);
  const dir = stringOpt(o, 'output-dir');
  if (dir !== undefined) {
    await mkdir(resolve(io.cwd, dir), { recursive: true });
    for (const c of r.completed) await writeFile(resolve(io.cwd, dir, `${basename(c.file, extname(c.file))}.json`), JSON.stringify(c.transcript), 'utf8');
  }
  if (o['json'] === true) io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    for (const c of r.completed) io.stdout.write(`done\t${c.file}\t${c.worker}\t${c.transcript.text.trim()}\n`);
    for (const f of r.failed) io.stdout.write(`failed\t${f.file}\t${f.error.name}${f.error.code === undefined ? '' : ` ${f.error.code}`}: ${f.error.message}\n`);
  }
  return r.failed.length > 0 ? EXIT.failure : EXIT.ok;
}

const SUBCOMMANDS: Readonly<Record<string, { usage: string; options: OptionTable; about: string }>> = {
  submit: { usage: 'cephalon queue submit FILES... --redis URL [decoding options]', options: SUBMIT_OPTIONS, about: 'Queue one transcription job per file.' },
  status: { usage: 'cephalon queue status --redis URL [--json]', options: STATUS_OPTIONS, about: 'Job counts and each job with its state and progress.' },
  results: { usage: 'cephalon queue results --redis URL [--json] [--output-dir DIR]', options: RESULTS_OPTIONS, about: 'Finished transcripts and failures (exit code 1 if any job failed).' },
};

async function queueCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  const sub = name === undefined ? undefined : SUBCOMMANDS[name];
  if (sub === undefined) {
    const lines = Object.values(SUBCOMMANDS).map((s) => `  ${s.usage}`);
    if (name === '--help' || name === '-h') {
      io.stdout.write(`Usage:\n${lines.join('\n')}\n\nBatch transcription on Redis (BullMQ); workers: cephalon worker. See docs/queue.md.\n`);
      return EXIT.ok;
    }
    usageError(CMD, name === undefined ? 'no subcommand given' : `unknown subcommand '${name}'`, 'use submit, status or results');
  }
  const { options, positionals } = parseCommandArgs(CMD, rest, sub.options, name === 'submit');
  if (options['help'] === true) {
    io.stdout.write(helpText(sub.usage, sub.about, sub.options));
    return EXIT.ok;
  }
  if (name === 'submit') return submit(options, positionals, io);
  if (name === 'status') return status(options, io);
  return results(options, io);
}

const queue: Command = {
  summary: 'batch transcription on Redis: submit files, see status, collect results',
  async run(args, io) {
    try {
      return await queueCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default queue;
