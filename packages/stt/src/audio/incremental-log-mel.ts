/**
 * The window log-mel of a growing audio buffer, computed incrementally: streaming decodes the same buffer again
 * and again with a little new audio at its end (and, now and then, audio cut from its start), so only the STFT
 * frames that changed are computed; the others are reused.
 *
 * What a frame depends on (N_FFT = 400, hop 160, centred STFT, `paddingSamples` zeros appended): frame t covers the
 * buffer samples [160t − 200, 160t + 200). A frame whose span lies inside the buffer ("interior") depends only on
 * those stream samples, so it is cached under its position in the stream. The others are recomputed on every call:
 * the first two (OpenAI reflects the buffer's start) and the last ones, which saw the appended zeros where new audio
 * now is. The cache holds the raw log10 mel of each frame and its maximum; the floor (max − 8 over the whole
 * buffer, Whisper's clamp) and the (x + 4) / 4 scaling are applied per call, so the result is **bit-identical** to
 * `logMelSpectrogram(audio, { nMels, paddingSamples })` cut to its content frames and padded to the window
 * (`incremental-log-mel.test.ts`): each frame is computed by the same functions, with the same arguments.
 *
 * Cached frames are reused only when the new buffer starts a whole number of hops after the cache's origin (frames
 * then fall on the same stream positions); otherwise the cache restarts at the new start.
 */
import { FRAMES_PER_SECOND, HOP_LENGTH, N_FFT, N_FRAMES, SAMPLE_RATE } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';
import { DYNAMIC_RANGE, fillFrame, hannWindow, LOG_FLOOR, melLogFrame, sparseFilters } from './log-mel.js';
import type { SparseFilters } from './log-mel.js';
import { RealPowerSpectrum } from './real-fft.js';

/** One window: `[nMels, nFrames]` row-major encoder input, and how many of its frames hold audio. */
export interface MelWindow {
  readonly data: Float32Array;
  /** Content frames (the rest of the window is zero, OpenAI's `pad_or_trim` of the mel). */
  readonly frames: number;
}

/** Frames computed and reused so far (the benchmark prints them). */
export interface IncrementalMelStats {
  computed: number;
  reused: number;
  /** Calls whose buffer start was off the cache's hop grid (the cache restarted). */
  restarts: number;
}

const HALF: number = N_FFT / 2;
const HOP: number = HOP_LENGTH;

export class IncrementalLogMel {
  readonly nMels: number;
  readonly paddingSamples: number;
  readonly stats: IncrementalMelStats = { computed: 0, reused: 0, restarts: 0 };
  private readonly filters: SparseFilters;
  private readonly hann = hannWindow();
  private readonly rfft = new RealPowerSpectrum(N_FFT);
  private readonly frame = new Float64Array(N_FFT);
  private readonly power: Float64Array;
  /** Raw log10 mel of the previous buffer's frames, frame-major `[frame, nMels]`, frame 0 = the buffer's first. */
  private logs = new Float32Array(0);
  /** Each frame's maximum, in float64 as `logMelSpectrogram` keeps it. */
  private maxes = new Float64Array(0);
  /** Stream sample of the previous buffer's start; -1: nothing cached. */
  private start = -1;
  /** Frames of the previous buffer that are interior (reusable): [interiorFrom, interiorTo). */
  private interiorFrom = 0;
  private interiorTo = 0;

  /**
   * @param paddingSamples zeros appended before the STFT: whole hops, at least N_FFT (so the frames kept never see
   *   the reflection at the padded end); the streaming engine uses 1 s.
   */
  constructor(nMels: number, paddingSamples: number = SAMPLE_RATE) {
    if (!Number.isInteger(paddingSamples) || paddingSamples < N_FFT || paddingSamples % HOP !== 0) {
      throw new InvalidOptionError('INVALID_PADDING', `incremental log-mel: paddingSamples must be a multiple of ${HOP} and >= ${N_FFT}, got ${paddingSamples}`, {
        hint: 'use SAMPLE_RATE (1 s of zeros), as the streaming engine does',
      });
    }
    this.nMels = nMels;
    this.paddingSamples = paddingSamples;
    this.filters = sparseFilters(nMels);
    this.power = new Float64Array(this.rfft.bins);
  }

  /** Forgets the cache (a new stream). */
  reset(): void {
    this.start = -1;
    this.interiorFrom = this.interiorTo = 0;
  }

  /**
   * The `windowFrames`-frame log-mel window of `audio`, which holds stream samples
   * [startSample, startSample + audio.length): the same samples at the same stream positions as the previous calls
   * (one stream per instance; `reset()` between streams).
   * @example
   * const mel = new IncrementalLogMel(80);
   * const a = mel.window(buffer.subarray(0, 32000), 0); // computes 2 s of frames
   * const b = mel.window(buffer.subarray(0, 48000), 0); // reuses them, computes about 1 s more
   */
  window(audio: Float32Array, startSample: number, windowFrames: number = N_FRAMES): MelWindow {
    if (!Number.isInteger(startSample) || startSample < 0) {
      throw new InvalidOptionError('INVALID_OFFSET', `incremental log-mel: startSample must be a non-negative integer, got ${startSample}`);
    }
    if (!Number.isInteger(windowFrames) || windowFrames < 1) {
      throw new InvalidOptionError('INVALID_LENGTH', `incremental log-mel: windowFrames must be a positive integer, got ${windowFrames}`);
    }
    const n = audio.length;
    const nMels = this.nMels;
    const length = n + this.paddingSamples;
    const nFrames = Math.floor(length / HOP);
    // Frames whose span starts inside the audio; every later one is all zeros (log10 floor exactly).
    const touching = Math.min(nFrames, Math.ceil((n + HALF) / HOP));
    // Interior frames: 160t - 200 >= 0 and 160t + 200 <= n.
    const interiorFrom = Math.ceil(HALF / HOP);
    const interiorTo = Math.max(interiorFrom, Math.floor((n - HALF) / HOP) + 1);
    // Which of this buffer's frames are already cached: the overlap of the previous interior range with this one.
    let reuseFrom = 0;
    let reuseTo = 0;
    const shift = startSample - this.start;
    if (this.start >= 0 && shift >= 0 && shift % HOP === 0) {
      const byFrames = shift / HOP;
      reuseFrom = Math.max(interiorFrom, this.interiorFrom - byFrames);
      reuseTo = Math.min(interiorTo, this.interiorTo - byFrames);
      if (reuseTo > reuseFrom && byFrames > 0) {
        this.logs.copyWithin(reuseFrom * nMels, (reuseFrom + byFrames) * nMels, (reuseTo + byFrames) * nMels);
        this.maxes.copyWithin(reuseFrom, reuseFrom + byFrames, reuseTo + byFrames);
      }
    } else if (this.start >= 0) {
      this.stats.restarts++;
    }
    if (reuseTo <= reuseFrom) reuseFrom = reuseTo = 0;
    this.ensureCapacity(touching);
    const logs = this.logs;
    const maxes = this.maxes;
    for (let t = 0; t < touching; t++) {
      if (t >= reuseFrom && t < reuseTo) continue;
      fillFrame(audio, length, t * HOP - HALF, this.hann, this.frame);
      this.rfft.compute(this.frame, this.power);
      maxes[t] = melLogFrame(this.filters, this.power, logs, t * nMels);
    }
    this.stats.computed += touching - (reuseTo - reuseFrom);
    this.stats.reused += reuseTo - reuseFrom;
    this.start = startSample;
    this.interiorFrom = interiorFrom;
    this.interiorTo = Math.min(interiorTo, touching);

    let maxLog = touching < nFrames ? LOG_FLOOR : -Infinity;
    for (let t = 0; t < touching; t++) maxLog = Math.max(maxLog, maxes[t] as number);
    const floor = maxLog - DYNAMIC_RANGE;
    // Content frames: the buffer's frames less the padding's, at most a window (all of them touch the audio).
    const frames = Math.min(windowFrames, nFrames - this.paddingSamples / HOP);
    const data = new Float32Array(nMels * windowFrames);
    for (let m = 0; m < nMels; m++) {
      const row = m * windowFrames;
      for (let t = 0; t < frames; t++) {
        const v = logs[t * nMels + m] as number;
        data[row + t] = ((v > floor ? v : floor) + 4) / 4;
      }
    }
    return { data, frames };
  }

  private ensureCapacity(frames: number): void {
    if (this.maxes.length >= frames) return;
    const capacity = Math.max(frames, Math.ceil(this.maxes.length * 1.5), 30 * FRAMES_PER_SECOND + 8);
    const logs = new Float32Array(capacity * this.nMels);
    logs.set(this.logs);
    const maxes = new Float64Array(capacity);
    maxes.set(this.maxes);
    this.logs = logs;
    this.maxes = maxes;
  }
}
