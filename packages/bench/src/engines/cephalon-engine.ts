/**
 * The Cephalon engine in-process: one `createTranscriber()` per engine, any `TranscribeOptions` per configuration.
 */
import { performance } from 'node:perf_hooks';
import { createChunkedOverlapStrategy, createTranscriber, InvalidOptionError, MERGE_ALGORITHM_NAMES, sequentialStrategy } from '@cephalon/stt';
import type { ChunkedOverlapStrategyOptions, LongFormResult, Transcriber, TranscribeOptions, TranscriberOptions } from '@cephalon/stt';
import { withRssSampling } from './memory-sampler.js';
import { modelInfo } from './model-info.js';
import type { Engine, EngineParams, EngineResult, ParamValue } from './types.js';

/** How to load the Cephalon engine. */
export interface CephalonEngineOptions {
  readonly name: string;
  /** Model folder, alias or Hub id. */
  readonly model: string;
  readonly threads?: number;
  readonly device?: 'cpu' | 'cuda';
  /** Options applied to every call, under the configuration's params. */
  readonly options?: TranscribeOptions;
}

/** Params of the long-form strategy, by name (`strategy: chunked` and its settings). */
const STRATEGY_PARAMS = ['chunkLength', 'overlap', 'merge', 'cleanup', 'priorTokens', 'batchSize'] as const;
/** Params that are bench shorthands rather than `TranscribeOptions` fields. */
export const CEPHALON_SHORTHAND_PARAMS: readonly string[] = ['beamSize', 'fallback', 'strategy', ...STRATEGY_PARAMS];
const SHORTHANDS = new Set<string>(CEPHALON_SHORTHAND_PARAMS);

function bad(param: string, value: ParamValue | undefined, hint: string): never {
  throw new InvalidOptionError('INVALID_OPTION', `param ${param}: ${JSON.stringify(value)} is not valid`, { hint, details: { option: param } });
}

function num(params: EngineParams, name: string): number | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(name, v, 'give a number');
  return v;
}

/**
 * The strategy a configuration names: `strategy: sequential` (default) or `chunked`, with `chunkLength` (s),
 * `overlap` (s), `merge` (name), `cleanup` (boolean), `priorTokens` (tokens; 0 = batched windows), `batchSize`.
 */
function strategyOf(params: EngineParams): TranscribeOptions['strategy'] {
  const name = params['strategy'];
  const given = STRATEGY_PARAMS.filter((k) => params[k] !== undefined);
  if (name === undefined || name === 'sequential') {
    if (given.length > 0) bad(given[0] as string, params[given[0] as string], "this setting needs strategy: chunked (the sequential strategy has no windows to merge)");
    return name === undefined ? undefined : sequentialStrategy;
  }
  if (name !== 'chunked') bad('strategy', name, "use 'sequential' or 'chunked'");
  const config: { -readonly [K in keyof ChunkedOverlapStrategyOptions]: ChunkedOverlapStrategyOptions[K] } = {};
  const windowSec = num(params, 'chunkLength');
  const overlapSec = num(params, 'overlap');
  const priorTokens = num(params, 'priorTokens');
  const batchSize = num(params, 'batchSize');
  if (windowSec !== undefined) config.windowSec = windowSec;
  if (overlapSec !== undefined) config.overlapSec = overlapSec;
  if (priorTokens !== undefined) config.priorTokens = priorTokens;
  if (batchSize !== undefined) config.batchSize = batchSize;
  const merge = params['merge'];
  if (merge !== undefined) {
    if (typeof merge !== 'string' || !(MERGE_ALGORITHM_NAMES as readonly string[]).includes(merge)) bad('merge', merge, `use one of ${MERGE_ALGORITHM_NAMES.join(', ')}`);
    config.merge = merge;
  }
  const cleanup = params['cleanup'];
  if (cleanup !== undefined) {
    if (typeof cleanup !== 'boolean') bad('cleanup', cleanup, 'use true or false');
    config.cleanup = { enabled: cleanup };
  }
  return createChunkedOverlapStrategy(config);
}

/**
 * Maps configuration params to `TranscribeOptions`: every `TranscribeOptions` field by name, plus
 * `beamSize` (1 = greedy, n > 1 = beam search of width n), `fallback` (false = temperature 0 only) and the strategy
 * by name (`strategy`, `chunkLength`, `overlap`, `merge`, `cleanup`, `priorTokens`, `batchSize`; see `strategyOf`).
 */
export function paramsToOptions(params: EngineParams, base: TranscribeOptions = {}): TranscribeOptions {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (!SHORTHANDS.has(k)) rest[k] = v;
  const out: Record<string, unknown> = { ...base, ...rest };
  const strategy = strategyOf(params);
  if (strategy !== undefined) out['strategy'] = strategy;
  const beamSize = params['beamSize'];
  if (beamSize !== undefined) {
    if (typeof beamSize !== 'number') throw new InvalidOptionError('INVALID_OPTION', `param beamSize: ${JSON.stringify(beamSize)} is not a number`, { hint: 'use 1 for greedy or an integer > 1' });
    out['decoding'] = beamSize <= 1 ? { kind: 'greedy' } : { kind: 'beam', beamSize };
  }
  const fallback = params['fallback'];
  if (fallback === false) out['temperature'] = 0;
  else if (fallback !== undefined && fallback !== true) throw new InvalidOptionError('INVALID_OPTION', `param fallback: ${JSON.stringify(fallback)} is not a boolean`, { hint: 'use true or false' });
  return out as TranscribeOptions;
}

interface Profile {
  readonly t0: number;
  firstStepAt: number | undefined;
  steps: number;
  readonly windowEnds: number[];
}

function toResult(r: LongFormResult, p: Profile, peakMemoryBytes: number | undefined): EngineResult {
  const tokens = r.segments.flatMap((s) => s.tokens);
  const ends = [p.t0, ...p.windowEnds];
  return {
    text: r.text.trim(),
    segments: r.segments.map((s) => ({ startSec: s.startSec, endSec: s.endSec, text: s.text })),
    tokens: tokens.length,
    confidences: tokens.map((k) => k.confidence ?? Math.exp(k.logprob)),
    tokenTexts: tokens.map((k) => k.text),
    decoderSteps: p.steps,
    windowSec: p.windowEnds.map((t, i) => (t - (ends[i] as number)) / 1000),
    ...(p.firstStepAt === undefined ? {} : { timeToFirstTokenSec: (p.firstStepAt - p.t0) / 1000 }),
    ...(peakMemoryBytes === undefined ? {} : { peakMemoryBytes }),
  };
}

/**
 * Loads the model once.
 * @example
 * const e = await createCephalonEngine({ name: 'cephalon', model: 'tiny.en', threads: 2 });
 * const r = await e.transcribe('a.wav', { beamSize: 5, language: 'en' });
 */
export async function createCephalonEngine(options: CephalonEngineOptions): Promise<Engine> {
  const load: TranscriberOptions = {
    model: options.model,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.device === undefined ? {} : { device: options.device }),
  };
  const transcriber: Transcriber = await createTranscriber(load);
  const model = await modelInfo(transcriber.manifest);
  return {
    model,
    name: options.name,
    kind: 'cephalon',
    device: options.device ?? 'cpu',
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    capabilities: { inProcess: true, segments: true, tokens: true, confidences: true, peakMemory: true, concurrent: true },
    async transcribe(audioPath: string, params: EngineParams) {
      const opts = paramsToOptions(params, options.options);
      const p: Profile = { t0: performance.now(), firstStepAt: undefined, steps: 0, windowEnds: [] };
      const profiled: TranscribeOptions = {
        ...opts,
        onDecoderStep: () => {
          p.steps += 1;
          p.firstStepAt ??= performance.now();
        },
        onProgress: () => p.windowEnds.push(performance.now()),
      };
      const { value, peakMemoryBytes } = await withRssSampling(() => transcriber.transcribeDetailed(audioPath, profiled));
      return toResult(value, p, peakMemoryBytes);
    },
    close: () => transcriber.dispose(),
  };
}
