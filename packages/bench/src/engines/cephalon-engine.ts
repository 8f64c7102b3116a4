/**
 * The Cephalon engine in-process: one `createTranscriber()` per engine, any `TranscribeOptions` per configuration.
 */
import { createTranscriber, InvalidOptionError } from '@cephalon/stt';
import type { Transcriber, TranscribeOptions, TranscriberOptions, Transcript } from '@cephalon/stt';
import { withRssSampling } from './memory-sampler.js';
import type { Engine, EngineParams, EngineResult } from './types.js';

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

/** Params that are bench shorthands rather than `TranscribeOptions` fields. */
const SHORTHANDS = new Set(['beamSize', 'fallback']);

/**
 * Maps configuration params to `TranscribeOptions`: every `TranscribeOptions` field by name, plus
 * `beamSize` (1 = greedy, n > 1 = beam search of width n) and `fallback` (false = temperature 0 only).
 */
export function paramsToOptions(params: EngineParams, base: TranscribeOptions = {}): TranscribeOptions {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (!SHORTHANDS.has(k)) rest[k] = v;
  const out: Record<string, unknown> = { ...base, ...rest };
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

function toResult(t: Transcript, peakMemoryBytes: number | undefined): EngineResult {
  const tokens = t.segments.flatMap((s) => s.tokens);
  const confidences = tokens.map((k) => k.confidence ?? Math.exp(k.logprob));
  return {
    text: t.text.trim(),
    segments: t.segments.map((s) => ({ startSec: s.startSec, endSec: s.endSec, text: s.text })),
    tokens: tokens.length,
    confidences,
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
  return {
    name: options.name,
    kind: 'cephalon',
    device: options.device ?? 'cpu',
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    capabilities: { inProcess: true, segments: true, tokens: true, confidences: true, peakMemory: true, concurrent: true },
    async transcribe(audioPath: string, params: EngineParams) {
      const opts = paramsToOptions(params, options.options);
      const { value, peakMemoryBytes } = await withRssSampling(() => transcriber.transcribe(audioPath, opts));
      return toResult(value, peakMemoryBytes);
    },
    close: () => transcriber.dispose(),
  };
}
