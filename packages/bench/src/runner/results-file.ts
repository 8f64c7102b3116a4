/**
 * The append-only JSONL results file that makes runs resumable: each finished (configuration, utterance) is one
 * line, written and fsync'ed before the next starts. On open, a torn last line (a write cut by kill -9) is cut
 * off, so it is redone rather than half-read; every complete line is kept.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BenchDataError } from '@cephalon/stt';
import type { EngineModelInfo } from '../engines/types.js';
import type { ResultRecord } from './types.js';

/** A line of the results file: a result, the environment of one (re)start, or an engine load. */
export type ResultsLine = ResultRecord | RunRecord | EngineLoadRecord;

/** Written each time a worker loads an engine: how long the load (model files, sessions) took. */
export interface EngineLoadRecord {
  readonly type: 'engine-load';
  readonly engine: string;
  readonly worker: number;
  readonly loadSec: number;
  readonly at: string;
  /** The model the engine loaded (id, dtype, files with SHA-256), when the adapter knows it. */
  readonly model?: EngineModelInfo;
}

/** Written at each start of a run: where and with what the following results were produced. */
export interface RunRecord {
  readonly type: 'run';
  readonly spec: string;
  readonly startedAt: string;
  readonly node: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cpus: number;
  /** `git describe --always --dirty --tags` of the code that ran (absent in files from before it was recorded). */
  readonly codeVersion?: string;
}

/** What a results file holds. */
export interface ResultsContent {
  readonly results: ResultRecord[];
  readonly runs: RunRecord[];
  readonly engineLoads: EngineLoadRecord[];
  /** True when the last line was torn (no newline and not valid JSON) and was ignored. */
  readonly tornTail: boolean;
}

/** Parses results-file text. A bad line in the middle is an error; a bad last line without newline is a torn write. */
export function parseResults(text: string, path: string): ResultsContent {
  const lines = text.split('\n');
  const results: ResultRecord[] = [];
  const runs: RunRecord[] = [];
  const engineLoads: EngineLoadRecord[] = [];
  let tornTail = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let o: ResultsLine;
    try {
      o = JSON.parse(line) as ResultsLine;
    } catch (e) {
      if (i === lines.length - 1) { tornTail = true; return; }
      throw new BenchDataError('results_corrupt', `${path}:${i + 1} is not valid JSON`, { hint: 'The file was edited or corrupted; remove that line to resume.', cause: e });
    }
    if (o.type === 'result') results.push(o);
    else if (o.type === 'run') runs.push(o);
    else if (o.type === 'engine-load') engineLoads.push(o);
  });
  return { results, runs, engineLoads, tornTail };
}

/** Throws BenchDataError when `path` exists but is not a regular file (a folder, a named pipe ...). */
function assertResultsFile(path: string): void {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined || info.isFile()) return;
  const kind = info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a named pipe' : 'not a regular file';
  throw new BenchDataError('results_not_file', `results file ${path} is ${kind}`, { hint: 'give --results a file path, e.g. out/results.jsonl', details: { path } });
}

/** Reads a results file (missing file = empty). */
export function readResults(path: string): ResultsContent {
  assertResultsFile(path);
  if (!existsSync(path)) return { results: [], runs: [], engineLoads: [], tornTail: false };
  return parseResults(readFileSync(path, 'utf8'), path);
}

/** Appends lines durably. */
export interface ResultsWriter {
  append(line: ResultsLine): void;
  close(): void;
}

/**
 * Makes the file end with a newline so appends start on a fresh line: a last line that is complete JSON but lacks
 * its newline (written by hand, or by another tool) gets the newline, since readers count it as done; only a torn
 * line (not valid JSON) is cut off.
 */
function cutTornTail(fd: number, bytes: Buffer): void {
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return;
  const lastNewline = bytes.lastIndexOf(0x0a);
  if (isCompleteJson(bytes.subarray(lastNewline + 1).toString('utf8'))) {
    writeSync(fd, '\n');
  } else {
    ftruncateSync(fd, lastNewline + 1);
  }
  fsyncSync(fd);
}

function isCompleteJson(line: string): boolean {
  if (line.trim() === '') return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens `path` for appending (creating folders), after cutting a torn last line.
 * @example const w = openResultsWriter('results.jsonl'); w.append(record); w.close();
 */
export function openResultsWriter(path: string): ResultsWriter {
  assertResultsFile(path);
  mkdirSync(dirname(path), { recursive: true });
  const existing = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
  const fd = openSync(path, 'a+');
  cutTornTail(fd, existing);
  let open = true;
  return {
    append(line) {
      if (!open) throw new BenchDataError('results_closed', `results file ${path} is closed`, { hint: 'Open a new writer.' });
      writeSync(fd, `${JSON.stringify(line)}\n`);
      fsyncSync(fd);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** The resume key of a (configuration, dataset, utterance). */
export function resultKey(configId: string, dataset: string, utteranceId: string): string {
  return `${configId}|${dataset}|${utteranceId}`;
}
