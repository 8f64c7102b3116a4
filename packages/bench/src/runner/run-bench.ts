/**
 * The bench runner: engines × parameter grid × datasets, with results appended (fsync'ed) one utterance at a time
 * to a JSONL file, completed keys skipped on restart, optional parallel workers, warm-up and progress events.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CephalonError, MissingToolError } from '@cephalon/stt';
import { convertToTemp } from '../engines/audio-convert.js';
import { createEngine, type EngineDefinition } from '../engines/create-engine.js';
import type { Engine, EngineResult } from '../engines/types.js';
import { openResultsWriter, readResults, type ResultsWriter } from './results-file.js';
import type { BenchSpec, ResultRecord } from './types.js';
import { listWork, loadDataset, type WorkItem } from './work-items.js';

/** Progress of a run. */
export type BenchEvent =
  | { readonly type: 'start'; readonly total: number; readonly skipped: number; readonly tornTail: boolean }
  | { readonly type: 'engine-load'; readonly engine: string; readonly worker: number }
  | { readonly type: 'engine-ready'; readonly engine: string; readonly worker: number; readonly loadSec: number }
  | { readonly type: 'warmup'; readonly config: string; readonly worker: number; readonly count: number }
  | { readonly type: 'result'; readonly record: ResultRecord; readonly done: number; readonly total: number }
  | { readonly type: 'end'; readonly ran: number; readonly skipped: number; readonly wallSec: number };

/** Options of {@link runBench}. */
export interface RunBenchOptions {
  /** JSONL results file; default the spec's `results`. */
  readonly resultsPath?: string;
  /** Overrides the spec's `workers`. */
  readonly workers?: number;
  /** Overrides the spec's `warmup`. */
  readonly warmup?: number;
  readonly onEvent?: (event: BenchEvent) => void;
  /** Engine factory (tests inject one); default `createEngine`. */
  readonly createEngine?: (def: EngineDefinition) => Promise<Engine>;
  /** Stop taking new work when aborted (finished lines stay). */
  readonly signal?: AbortSignal;
}

/** Summary of a run. */
export interface RunBenchResult {
  readonly resultsPath: string;
  readonly ran: number;
  readonly skipped: number;
  /** Every result in the file after the run (earlier runs included). */
  readonly results: readonly ResultRecord[];
}

interface Timed {
  readonly result: EngineResult;
  readonly wallSec: number;
  readonly trials: readonly number[];
}

async function timedTranscribe(engine: Engine, item: WorkItem, trials = 1): Promise<Timed> {
  const u = item.utterance;
  const temp = u.offsetSec === undefined ? undefined : await convertToTemp(u.audioPath, { offsetSec: u.offsetSec, durationSec: u.durationSec });
  try {
    let first: EngineResult | undefined;
    const times: number[] = [];
    for (let k = 0; k < trials; k++) {
      const t0 = performance.now();
      const result = await engine.transcribe(temp?.path ?? u.audioPath, item.config.params);
      times.push((performance.now() - t0) / 1000);
      first ??= result;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    return { result: first as EngineResult, wallSec: median, trials: times };
  } finally {
    await temp?.dispose();
  }
}

function toRecord(item: WorkItem, engine: Engine, outcome: Timed | CephalonError): ResultRecord {
  const u = item.utterance;
  const base = {
    type: 'result' as const, key: item.key, configId: item.config.id, configLabel: item.config.label,
    engine: engine.name, engineKind: engine.kind, params: item.config.params, swept: item.config.swept,
    dataset: item.dataset, utteranceId: u.id, audioPath: u.audioPath, reference: u.reference, audioSec: u.durationSec,
    ...(engine.threads === undefined ? {} : { threads: engine.threads }),
    ...(engine.device === undefined ? {} : { device: engine.device }),
    ...(u.tags === undefined ? {} : { tags: u.tags }),
  };
  if (outcome instanceof CephalonError) {
    return { ...base, hypothesis: '', wallSec: 0, error: { code: outcome.code, message: outcome.message }, finishedAt: new Date().toISOString() };
  }
  const r = outcome.result;
  return {
    ...base, hypothesis: r.text, wallSec: outcome.wallSec,
    ...(r.tokens === undefined ? {} : { tokens: r.tokens }),
    ...(r.confidences === undefined ? {} : { confidences: r.confidences }),
    ...(r.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: r.peakMemoryBytes }),
    ...(outcome.trials.length > 1 ? { wallSecTrials: outcome.trials } : {}),
    ...(r.tokenTexts === undefined ? {} : { tokenTexts: r.tokenTexts }),
    ...(r.timeToFirstTokenSec === undefined ? {} : { timeToFirstTokenSec: r.timeToFirstTokenSec }),
    ...(r.decoderSteps === undefined ? {} : { decoderSteps: r.decoderSteps }),
    ...(r.windowSec === undefined ? {} : { windowSec: r.windowSec }),
    finishedAt: new Date().toISOString(),
  };
}

interface Shared {
  readonly queue: readonly WorkItem[];
  next: number;
  done: number;
  readonly total: number;
  readonly writer: ResultsWriter;
  readonly warmup: number;
  readonly trials: number;
  readonly warmupItems: ReadonlyMap<string, readonly WorkItem[]>;
  readonly options: RunBenchOptions;
}

async function warm(engine: Engine, item: WorkItem, s: Shared, worker: number): Promise<void> {
  const items = (s.warmupItems.get(item.config.id) ?? []).slice(0, s.warmup);
  s.options.onEvent?.({ type: 'warmup', config: item.config.label, worker, count: items.length });
  for (const w of items) await timedTranscribe(engine, w).catch(() => undefined);
}

async function loadEngine(make: (def: EngineDefinition) => Promise<Engine>, item: WorkItem, s: Shared, worker: number): Promise<Engine> {
  const name = item.engine.engine.name;
  s.options.onEvent?.({ type: 'engine-load', engine: name, worker });
  const t0 = performance.now();
  const engine = await make(item.engine.engine);
  const loadSec = (performance.now() - t0) / 1000;
  s.writer.append({ type: 'engine-load', engine: name, worker, loadSec, at: new Date().toISOString(), ...(engine.model === undefined ? {} : { model: engine.model }) });
  s.options.onEvent?.({ type: 'engine-ready', engine: name, worker, loadSec });
  return engine;
}

async function workerLoop(s: Shared, worker: number): Promise<void> {
  const make = s.options.createEngine ?? createEngine;
  let current: { name: string; engine: Engine } | undefined;
  const warmed = new Set<string>();
  try {
    while (s.next < s.queue.length && s.options.signal?.aborted !== true) {
      const item = s.queue[s.next++] as WorkItem;
      if (current?.name !== item.engine.engine.name) {
        await current?.engine.close();
        current = undefined;
        current = { name: item.engine.engine.name, engine: await loadEngine(make, item, s, worker) };
      }
      if (s.warmup > 0 && !warmed.has(item.config.id)) {
        warmed.add(item.config.id);
        await warm(current.engine, item, s, worker);
      }
      const outcome = await timedTranscribe(current.engine, item, s.trials).catch((e: unknown) => {
        if (e instanceof CephalonError && !(e instanceof MissingToolError)) return e;
        throw e;
      });
      const record = toRecord(item, current.engine, outcome);
      s.writer.append(record);
      s.done += 1;
      s.options.onEvent?.({ type: 'result', record, done: s.done, total: s.total });
    }
  } finally {
    await current?.engine.close();
  }
}

/** `git describe --always --dirty --tags` of the checkout this bench runs from, or 'unknown' outside a git checkout. */
export function codeVersion(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty', '--tags'], { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function runRecord(spec: BenchSpec): { type: 'run'; spec: string; startedAt: string; node: string; platform: string; cpu: string; cpus: number; codeVersion: string } {
  const c = cpus();
  return { type: 'run', spec: spec.name, startedAt: new Date().toISOString(), node: process.version, platform: `${process.platform}-${process.arch}`, cpu: c[0]?.model ?? 'unknown', cpus: c.length, codeVersion: codeVersion() };
}

/**
 * Runs (or resumes) a spec. Killing the process at any point loses at most the utterance in flight, which the next
 * run redoes; finished utterances are never repeated.
 * @example await runBench(await loadSpec('bench.yaml'), { resultsPath: 'out.jsonl', onEvent: console.log })
 */
export async function runBench(spec: BenchSpec, options: RunBenchOptions = {}): Promise<RunBenchResult> {
  const t0 = performance.now();
  const resultsPath = options.resultsPath ?? spec.results ?? `${spec.baseDir}/${spec.name}.results.jsonl`;
  const datasets = await Promise.all(spec.datasets.map((d) => loadDataset(d, spec.baseDir)));
  const all = listWork(spec, datasets);
  const before = readResults(resultsPath);
  const completed = new Set(before.results.map((r) => r.key));
  const queue = all.filter((w) => !completed.has(w.key));
  const warmupItems = new Map<string, WorkItem[]>();
  for (const w of all) warmupItems.set(w.config.id, [...(warmupItems.get(w.config.id) ?? []), w]);
  const skipped = all.length - queue.length;
  options.onEvent?.({ type: 'start', total: all.length, skipped, tornTail: before.tornTail });
  const writer = openResultsWriter(resultsPath);
  const s: Shared = { queue, next: 0, done: skipped, total: all.length, writer, warmup: options.warmup ?? spec.warmup, trials: spec.timingTrials ?? 1, warmupItems, options };
  try {
    if (queue.length > 0) writer.append(runRecord(spec));
    const workers = Math.max(1, Math.min(options.workers ?? spec.workers, queue.length));
    await Promise.all(Array.from({ length: workers }, (_x, i) => workerLoop(s, i)));
  } finally {
    writer.close();
  }
  options.onEvent?.({ type: 'end', ran: s.done - skipped, skipped, wallSec: (performance.now() - t0) / 1000 });
  return { resultsPath, ran: s.done - skipped, skipped, results: readResults(resultsPath).results };
}
