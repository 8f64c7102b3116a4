/**
 * Whisper's log-mel spectrogram, numerically faithful to OpenAI's `whisper.audio.log_mel_spectrogram`:
 * periodic Hann window of N_FFT = 400, hop 160, centred STFT with reflect padding, |STFT|² with the last frame
 * dropped, Slaney mel filters, log10(max(x, 1e-10)), floor at (global max − 8), then (x + 4) / 4.
 * The arithmetic runs in float64 (OpenAI's runs in float32); see docs/audio.md for the measured difference.
 */
import { HOP_LENGTH, N_FFT, SAMPLE_RATE } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';
import type { Samples } from '../core/types.js';
import { melFilterBank } from './mel-filters.js';
import { RealPowerSpectrum } from './real-fft.js';

/** A log-mel spectrogram `[nMels, nFrames]`, row-major (frame index varies fastest). */
export interface LogMel {
  readonly data: Float32Array;
  readonly nMels: number;
  readonly nFrames: number;
}

export interface LogMelOptions {
  /** Mel bins: 80 (default) or 128 (large-v3). */
  readonly nMels?: number;
  /**
   * Zero samples appended before the STFT. `whisper.transcribe()` uses N_SAMPLES (30 s); a single window made
   * with {@link padOrTrimSamples} uses 0. Default 0.
   */
  readonly paddingSamples?: number;
  /** Called every few thousand frames with (framesDone, nFrames). */
  readonly onProgress?: (framesDone: number, nFrames: number) => void;
}

/** log10 of the power floor. */
export const LOG_FLOOR = -10;
/** Dynamic range kept below the maximum, in log10 units (80 dB). */
export const DYNAMIC_RANGE = 8;
const PROGRESS_EVERY_FRAMES = 4096;
/** Power below which OpenAI clamps before the log. */
const POWER_FLOOR = 1e-10;
// Module-local copies: imported bindings are live getters under some loaders, too slow for the frame loop.
const FFT_SIZE: number = N_FFT;
const HOP: number = HOP_LENGTH;

/** Periodic Hann window of length N_FFT (torch.hann_window default). */
export function hannWindow(): Float64Array {
  return Float64Array.from({ length: FFT_SIZE }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE));
}

/** The nonzero span of each mel filter, flattened: filter m covers FFT bins [first[m], first[m] + count[m]). */
export interface SparseFilters {
  readonly first: Int32Array;
  readonly count: Int32Array;
  /** Concatenated weights of every filter's span. */
  readonly weights: Float64Array;
}

export function sparseFilters(nMels: number): SparseFilters {
  const { data, nFreqs } = melFilterBank(nMels);
  const first = new Int32Array(nMels);
  const count = new Int32Array(nMels);
  const weights: number[] = [];
  for (let m = 0; m < nMels; m++) {
    const row = data.subarray(m * nFreqs, (m + 1) * nFreqs);
    const lo = Math.max(0, row.findIndex((w) => w !== 0));
    let hi = nFreqs - 1;
    while (hi > lo && row[hi] === 0) hi--;
    first[m] = lo;
    count[m] = hi - lo + 1;
    for (let k = lo; k <= hi; k++) weights.push(row[k] as number);
  }
  return { first, count, weights: Float64Array.from(weights) };
}

/** Index into a signal of length `length` with reflect padding (no edge repeat), folded as often as needed. */
function reflectIndex(i: number, length: number): number {
  if (length === 1) return 0;
  const period = 2 * (length - 1);
  let j = i % period;
  if (j < 0) j += period;
  return j >= length ? period - j : j;
}

function validate(audio: Samples | Float32Array, options: LogMelOptions): { x: Float32Array; nMels: number; padding: number } {
  const x = audio instanceof Float32Array ? audio : audio.samples;
  if (!(audio instanceof Float32Array) && audio.sampleRate !== SAMPLE_RATE) {
    throw new InvalidOptionError('INVALID_SAMPLE_RATE', `log-mel needs ${SAMPLE_RATE} Hz audio, got ${audio.sampleRate} Hz`, {
      hint: 'Resample first (loadAudio does this; or use resample()).',
    });
  }
  const padding = options.paddingSamples ?? 0;
  if (!Number.isInteger(padding) || padding < 0) {
    throw new InvalidOptionError('INVALID_PADDING', `paddingSamples must be a non-negative integer, got ${padding}`);
  }
  return { x, nMels: options.nMels ?? 80, padding };
}

/** data[m, f] = (max(logs[f, m], floor) + 4) / 4, transposing `[nFrames, nMels]` to `[nMels, nFrames]`. */
function transposeAndScale(logs: Float32Array, nFrames: number, nMels: number, floor: number): Float32Array {
  const data = new Float32Array(nMels * nFrames);
  const block = 64;
  for (let f0 = 0; f0 < nFrames; f0 += block) {
    const f1 = Math.min(nFrames, f0 + block);
    for (let m = 0; m < nMels; m++) {
      for (let f = f0; f < f1; f++) {
        const v = logs[f * nMels + m] as number;
        data[m * nFrames + f] = ((v > floor ? v : floor) + 4) / 4;
      }
    }
  }
  return data;
}

/** Windowed frame `f` of the centred, reflect-padded signal (x followed by zeros up to `length`). */
export function fillFrame(x: Float32Array, length: number, start: number, window: Float64Array, frame: Float64Array): void {
  const n = x.length;
  const size = frame.length;
  if (start >= 0 && start + size <= n) {
    for (let i = 0; i < size; i++) frame[i] = (x[start + i] as number) * (window[i] as number);
    return;
  }
  for (let i = 0; i < size; i++) {
    const j = reflectIndex(start + i, length);
    frame[i] = (j < n ? (x[j] as number) : 0) * (window[i] as number);
  }
}

/** Writes log10(max(filters · power, 1e-10)) of one frame to `out[at..at+nMels)`; returns the frame's maximum. */
export function melLogFrame(filters: SparseFilters, power: Float64Array, out: Float32Array, at: number): number {
  const { first, count, weights } = filters;
  const nMels = first.length;
  let w = 0;
  let max = -Infinity;
  for (let m = 0; m < nMels; m++) {
    const lo = first[m] as number;
    const hi = lo + (count[m] as number);
    let sum = 0;
    for (let k = lo; k < hi; k++) sum += (weights[w++] as number) * (power[k] as number);
    const v = sum > POWER_FLOOR ? Math.log10(sum) : LOG_FLOOR;
    if (v > max) max = v;
    out[at + m] = v;
  }
  return max;
}

/**
 * Computes the log-mel spectrogram of 16 kHz mono audio.
 *
 * @example
 * // whisper.transcribe() convention (whole file + 30 s of zeros):
 * const mel = logMelSpectrogram(samples, { nMels: 80, paddingSamples: N_SAMPLES });
 * // one 30 s window (decode convention): logMelSpectrogram(padOrTrimSamples(samples.samples))
 */
export function logMelSpectrogram(audio: Samples | Float32Array, options: LogMelOptions = {}): LogMel {
  const { x, nMels, padding } = validate(audio, options);
  const filters = sparseFilters(nMels);
  const fftSize = FFT_SIZE;
  const hop = HOP;
  const length = x.length + padding;
  const nFrames = Math.floor(length / hop);
  // Frame-major scratch [nFrames, nMels]; transposed into the row-major result at the end.
  const logs = new Float32Array(nMels * nFrames);
  const window = hannWindow();
  const rfft = new RealPowerSpectrum(fftSize);
  const frame = new Float64Array(fftSize);
  const power = new Float64Array(rfft.bins);
  const progressEvery = PROGRESS_EVERY_FRAMES;
  let maxLog = -Infinity;
  for (let f = 0; f < nFrames; f++) {
    const start = f * hop - fftSize / 2;
    if (start >= x.length && start + fftSize <= length) {
      // Entirely inside the appended zeros: the spectrum is exactly zero.
      logs.fill(LOG_FLOOR, f * nMels, (f + 1) * nMels);
      maxLog = Math.max(maxLog, LOG_FLOOR);
    } else {
      fillFrame(x, length, start, window, frame);
      rfft.compute(frame, power);
      maxLog = Math.max(maxLog, melLogFrame(filters, power, logs, f * nMels));
    }
    if (options.onProgress !== undefined && (f + 1) % progressEvery === 0) options.onProgress(f + 1, nFrames);
  }
  const data = transposeAndScale(logs, nFrames, nMels, maxLog - DYNAMIC_RANGE);
  options.onProgress?.(nFrames, nFrames);
  return { data, nMels, nFrames };
}
