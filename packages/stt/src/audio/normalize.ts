/**
 * Loudness normalisation to a target level in dBFS, by peak (default: the loudest sample lands exactly on the
 * target, so nothing clips) or by RMS (average power; samples pushed past full scale are clipped, with a warning).
 */
import { InvalidOptionError } from '../core/errors.js';
import type { AudioWarning } from './types.js';

/** Peak or RMS normalisation to `targetDbfs` (< 0). The reference tool's `--norm-dbfs` default is −1 (peak). */
export interface NormalizeOptions {
  readonly kind?: 'peak' | 'rms';
  /** Target level in dB relative to full scale; must be below 0. */
  readonly targetDbfs: number;
}

/** Default target of the reference NPU tool's `--norm-dbfs`. */
export const DEFAULT_NORM_DBFS = -1;

/** Peak |x| of the samples. */
export function peakLevel(x: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i] as number));
  return peak;
}

/** Root mean square of the samples. */
export function rmsLevel(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) ** 2;
  return x.length === 0 ? 0 : Math.sqrt(sum / x.length);
}

/**
 * Returns a scaled copy whose peak (or RMS) is `targetDbfs`, and any warnings (silent input, clipping).
 *
 * @example
 * const { samples } = normalizeLoudness(x, { kind: 'peak', targetDbfs: -1 });
 */
export function normalizeLoudness(x: Float32Array, options: NormalizeOptions): { samples: Float32Array; warnings: AudioWarning[] } {
  const { targetDbfs } = options;
  const kind = options.kind ?? 'peak';
  if (!(Number.isFinite(targetDbfs) && targetDbfs < 0)) {
    throw new InvalidOptionError('INVALID_NORMALIZATION', `normalisation target must be below 0 dBFS, got ${targetDbfs}`, {
      hint: `Use e.g. ${DEFAULT_NORM_DBFS} dBFS.`,
    });
  }
  const level = kind === 'peak' ? peakLevel(x) : rmsLevel(x);
  if (level === 0) {
    return { samples: x, warnings: [{ code: 'silent-audio', message: 'audio is silent; loudness normalisation skipped' }] };
  }
  const gain = 10 ** (targetDbfs / 20) / level;
  const out = new Float32Array(x.length);
  let clipped = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) * gain;
    if (v > 1 || v < -1) clipped++;
    out[i] = Math.max(-1, Math.min(1, v));
  }
  const warnings: AudioWarning[] = clipped > 0
    ? [{ code: 'clipped', message: `${clipped} samples exceeded full scale after RMS normalisation to ${targetDbfs} dBFS and were clipped` }]
    : [];
  return { samples: out, warnings };
}
