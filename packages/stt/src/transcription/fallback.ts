/** Decoding one window with the temperature-fallback ladder (OpenAI `decode_with_fallback`). */
import type { EncoderOutput } from '../runtime/types.js';
import { decodeWindow } from '../decoding/index.js';
import type { TokenStrategy, WindowDecodeContext, WindowDecodeOptions, WindowResult } from '../decoding/index.js';
import type { LongFormOptions } from './long-form-options.js';
import { fallbackReasons } from './quality-gates.js';

/** One decode of a window and the verdict of the quality gates. */
export interface Attempt {
  readonly result: WindowResult;
  /** Why it was rejected; empty = accepted (or the last temperature). */
  readonly failedBecause: readonly string[];
}

/** The attempts of one window, the last one being the result used. */
export interface FallbackOutcome {
  readonly attempts: readonly Attempt[];
  readonly result: WindowResult;
}

/** Beam search (when configured) at temperature 0, sampling with `bestOf` above it. */
export function strategyAt(temperature: number, options: LongFormOptions): TokenStrategy {
  if (temperature === 0 && options.beam !== null) return { kind: 'beam', ...options.beam };
  return { kind: 'sampling', temperature, bestOf: temperature > 0 ? options.bestOf : 1 };
}

/** Window decode options shared by every attempt of a window (the strategy is set per temperature). */
export function windowOptionsFor(
  options: LongFormOptions,
  language: string,
  promptTokens: readonly number[],
  prefixTokens: readonly number[],
): Omit<WindowDecodeOptions, 'strategy' | 'seed'> {
  return {
    task: options.task,
    language,
    sampleLen: options.sampleLen,
    lengthPenalty: options.lengthPenalty,
    promptTokens,
    prefixTokens,
    suppressTokens: options.suppressTokens,
    suppressBlank: options.suppressBlank,
    withoutTimestamps: options.withoutTimestamps,
    maxInitialTimestampSec: options.maxInitialTimestampSec,
    repetitionPenalty: options.repetitionPenalty,
    noRepeatNgramSize: options.noRepeatNgramSize,
  };
}

/**
 * Tries `options.temperatures` in order; stops at the first decode the quality gates accept
 * (or that looks like silence), else returns the last one.
 */
export async function decodeWithFallback(
  ctx: WindowDecodeContext,
  encoder: EncoderOutput,
  base: Omit<WindowDecodeOptions, 'strategy' | 'seed'>,
  options: LongFormOptions,
  windowSeed: number,
): Promise<FallbackOutcome> {
  const attempts: Attempt[] = [];
  for (const [i, temperature] of options.temperatures.entries()) {
    const strategy = strategyAt(temperature, options);
    const result = await decodeWindow(ctx, encoder, { ...base, strategy, seed: (windowSeed + i * 7919) >>> 0 });
    const failedBecause = fallbackReasons(result, options.thresholds);
    attempts.push({ result, failedBecause });
    if (failedBecause.length === 0) break;
  }
  const last = attempts[attempts.length - 1];
  if (last === undefined) throw new RangeError('decodeWithFallback: empty temperature list');
  return { attempts, result: last.result };
}
