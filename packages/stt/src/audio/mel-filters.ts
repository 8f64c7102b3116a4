/**
 * Slaney-style mel filterbank, computed the way librosa's `filters.mel(sr, n_fft, n_mels, norm="slaney")`
 * does (the formula behind OpenAI's `mel_filters.npz`), then rounded to float32 as that file stores it.
 */
import { InvalidOptionError } from '../core/errors.js';
import { N_FFT, SAMPLE_RATE } from '../core/constants.js';

/** Mel filter weights `[nMels, nFreqs]` row-major, nFreqs = N_FFT / 2 + 1 = 201. */
export interface MelFilterBank {
  readonly data: Float32Array;
  readonly nMels: number;
  readonly nFreqs: number;
}

/** Mel bin counts Whisper models use (80 for most, 128 for large-v3). */
export type MelBins = 80 | 128;

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

/** Slaney mel scale: linear below 1 kHz, logarithmic above. */
export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/** Inverse of {@link hzToMel}. */
export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

const cache = new Map<number, MelFilterBank>();

/**
 * The mel filterbank for `nMels` bins over 0..8 kHz at 16 kHz with a 400-point FFT.
 *
 * @example
 * const fb = melFilterBank(80); // fb.data[m * 201 + k] = weight of FFT bin k in mel bin m
 */
export function melFilterBank(nMels: number): MelFilterBank {
  if (!Number.isInteger(nMels) || nMels < 1 || nMels > 256) {
    throw new InvalidOptionError('INVALID_MEL_BINS', `nMels must be an integer in 1..256, got ${nMels}`, {
      hint: 'Use 80 (Whisper tiny..large-v2) or 128 (large-v3).',
    });
  }
  const hit = cache.get(nMels);
  if (hit !== undefined) return hit;
  const nFreqs = N_FFT / 2 + 1;
  const fftFreqs = Float64Array.from({ length: nFreqs }, (_, k) => (k * SAMPLE_RATE) / N_FFT);
  const melMin = hzToMel(0);
  const melMax = hzToMel(SAMPLE_RATE / 2);
  const melStep = (melMax - melMin) / (nMels + 1);
  const edgesHz = Float64Array.from({ length: nMels + 2 }, (_, i) => melToHz(melMin + i * melStep));
  edgesHz[nMels + 1] = melToHz(melMax);
  const data = new Float32Array(nMels * nFreqs);
  for (let m = 0; m < nMels; m++) {
    const lo = edgesHz[m] as number;
    const mid = edgesHz[m + 1] as number;
    const hi = edgesHz[m + 2] as number;
    const enorm = 2 / (hi - lo);
    for (let k = 0; k < nFreqs; k++) {
      const f = fftFreqs[k] as number;
      const lower = (f - lo) / (mid - lo);
      const upper = (hi - f) / (hi - mid);
      // librosa stores the triangle in float32 first, then scales by the float64 norm in place.
      const triangle = Math.fround(Math.max(0, Math.min(lower, upper)));
      data[m * nFreqs + k] = triangle * enorm;
    }
  }
  const bank: MelFilterBank = { data, nMels, nFreqs };
  cache.set(nMels, bank);
  return bank;
}
