/**
 * The conditioning chain after decoding: resample to 16 kHz, then the optional high-pass filter, then the
 * optional loudness normalisation. With no options it only resamples, so mels match OpenAI's.
 */
import { SAMPLE_RATE } from '../core/constants.js';
import type { Samples } from '../core/types.js';
import { highPass, type HighPassOptions } from './high-pass.js';
import { normalizeLoudness, type NormalizeOptions } from './normalize.js';
import { resample, type ResamplerOptions } from './resample.js';
import type { AudioWarning } from './types.js';

export interface ConditionOptions {
  /** Resampler design, used when the source is not 16 kHz. */
  readonly resampler?: ResamplerOptions;
  /** High-pass filter, off by default; `{ cutoffHz: 100 }` is the reference tool's `--freq-thold`. */
  readonly highPass?: HighPassOptions;
  /** Loudness normalisation, off by default; `{ kind: 'peak', targetDbfs: -1 }` is the tool's `--use_norm`. */
  readonly normalize?: NormalizeOptions;
}

/**
 * Resamples to 16 kHz and applies the optional high-pass and normalisation, in that order.
 *
 * @example
 * const { samples, warnings } = conditionSamples(decoded, { highPass: { cutoffHz: 100 } });
 */
export function conditionSamples(audio: Samples, options: ConditionOptions = {}): Samples & { readonly warnings: readonly AudioWarning[] } {
  let samples = resample(audio.samples, audio.sampleRate, SAMPLE_RATE, options.resampler ?? {});
  const warnings: AudioWarning[] = [];
  if (options.highPass !== undefined) samples = highPass(samples, SAMPLE_RATE, options.highPass);
  if (options.normalize !== undefined) {
    const normalized = normalizeLoudness(samples, options.normalize);
    samples = normalized.samples;
    warnings.push(...normalized.warnings);
  }
  return { samples, sampleRate: SAMPLE_RATE, warnings };
}
