/**
 * The online form of `regionsFromProbabilities`: feed one probability per frame as it arrives, get `speech-start` /
 * `speech-end` events with the same padded sample times the offline function gives on the same probabilities
 * (property-tested). An event is emitted as soon as it can no longer change:
 * - `speech-start` when the region is sure to be kept (its eventual end already exceeds `minSpeechDurationMs`) and
 *   the gap to the previous region (which decides the padding) is known;
 * - `speech-end` when the next kept region starts (half the gap when closer than two pads), or once no region can
 *   start within two pads of it (then end + pad).
 * So a `speech-end` comes `minSilenceDurationMs` (+ up to two pads) after the speech stops: the price of
 * faster-whisper's hysteresis. Allocation-free per frame when nothing happens.
 */
import { resolveVadOptions } from './options.js';
import type { VadOptions } from './options.js';
import { sampleLimits } from './regions.js';
import type { Framing, SampleLimits } from './regions.js';
import type { SpeechEvent } from './types.js';

/** Framing and options of a segmenter. */
export interface SpeechSegmenterOptions extends VadOptions {
  /** Default 16000. */
  readonly sampleRate?: number;
  /** Default 512 (Silero at 16 kHz); use the `FrameVad`'s `frameSamples`. */
  readonly frameSamples?: number;
}

/** Turns per-frame probabilities into speech events. */
export interface SpeechSegmenter {
  readonly frameSamples: number;
  readonly sampleRate: number;
  /** The probability of the next frame; returns the events it settles (often none). */
  push(probability: number): readonly SpeechEvent[];
  /**
   * End of stream after `totalSamples` samples (at most `frames * frameSamples`); returns the last events.
   * Every `speech-start` is then matched by a `speech-end`. The segmenter must be `reset()` before reuse.
   */
  finish(totalSamples: number): readonly SpeechEvent[];
  /** Frames pushed so far. */
  readonly frames: number;
  /** Forgets everything: a new stream. */
  reset(): void;
}

const NONE: readonly SpeechEvent[] = Object.freeze([]);

class Segmenter implements SpeechSegmenter {
  readonly frameSamples: number;
  readonly sampleRate: number;
  private readonly limits: SampleLimits;
  private readonly threshold: number;
  private readonly negThreshold: number;
  // faster-whisper's loop state (0 = unset, as in the Python code).
  private triggered = false;
  private start: number | null = null;
  private tempEnd = 0;
  private prevEnd = 0;
  private nextStart = 0;
  private index = 0;
  /** The current region is known to be kept and its start was emitted. */
  private confirmed = false;
  /** Raw end of the last kept region whose end has not been emitted yet. */
  private pendingEnd: number | null = null;
  /** Raw end of the last kept region (for the gap that pads the next start); null before the first. */
  private lastRawEnd: number | null = null;
  private finished = false;
  private out: SpeechEvent[] = [];

  constructor(options: SpeechSegmenterOptions) {
    const resolved = resolveVadOptions(options);
    const framing: Framing = { sampleRate: options.sampleRate ?? 16000, frameSamples: options.frameSamples ?? 512 };
    this.frameSamples = framing.frameSamples;
    this.sampleRate = framing.sampleRate;
    this.limits = sampleLimits(resolved, framing);
    this.threshold = resolved.threshold;
    this.negThreshold = resolved.negThreshold;
  }

  get frames(): number {
    return this.index;
  }

  private emit(type: SpeechEvent['type'], sample: number): void {
    this.out.push({ type, sample, sec: sample / this.sampleRate });
  }

  /** The current region (raw start `start`) is kept: settle the previous end and emit this start. */
  private confirm(start: number): void {
    if (this.confirmed) return;
    this.confirmed = true;
    const pad = this.limits.pad;
    if (this.lastRawEnd === null) {
      this.emit('speech-start', Math.trunc(Math.max(0, start - pad)));
      return;
    }
    const gap = start - this.lastRawEnd;
    if (this.pendingEnd !== null) {
      // end + pad < start - pad <= totalSamples, so the offline clamp to the stream length cannot apply.
      this.emit('speech-end', gap < 2 * pad ? this.pendingEnd + Math.floor(gap / 2) : Math.trunc(this.pendingEnd + pad));
      this.pendingEnd = null;
    }
    this.emit('speech-start', Math.trunc(Math.max(0, gap < 2 * pad ? start - Math.floor(gap / 2) : start - pad)));
  }

  /** The current region ended at `end` and is kept. */
  private keep(start: number, end: number): void {
    this.confirm(start);
    this.pendingEnd = end;
    this.lastRawEnd = end;
    this.confirmed = false;
  }

  /** The current region ended and is dropped (it was never confirmed). */
  private drop(): void {
    this.confirmed = false;
  }

  push(p: number): readonly SpeechEvent[] {
    if (this.finished) throw new Error('speech segmenter: push() after finish(); call reset() first');
    if (this.out.length > 0) this.out = [];
    const at = this.frameSamples * this.index;
    this.index += 1;
    this.step(p, at);
    this.settle(at);
    return this.out.length === 0 ? NONE : this.out;
  }

  private step(p: number, at: number): void {
    const { maxSpeech, minSilence, minSilenceAtMaxSpeech, minSpeech } = this.limits;
    if (p >= this.threshold && this.tempEnd !== 0) {
      this.tempEnd = 0;
      if (this.nextStart < this.prevEnd) this.nextStart = at;
    }
    if (p >= this.threshold && !this.triggered) {
      this.triggered = true;
      this.start = at;
      return;
    }
    if (this.triggered && this.start !== null && at - this.start > maxSpeech) {
      if (this.prevEnd !== 0) {
        this.keep(this.start, this.prevEnd);
        this.start = null;
        if (this.nextStart < this.prevEnd) this.triggered = false;
        else this.start = this.nextStart;
        this.prevEnd = this.nextStart = this.tempEnd = 0;
      } else {
        this.keep(this.start, at);
        this.start = null;
        this.prevEnd = this.nextStart = this.tempEnd = 0;
        this.triggered = false;
        return;
      }
    }
    if (p < this.negThreshold && this.triggered) {
      if (this.tempEnd === 0) this.tempEnd = at;
      if (at - this.tempEnd > minSilenceAtMaxSpeech) this.prevEnd = this.tempEnd;
      if (at - this.tempEnd < minSilence) return;
      if (this.start !== null && this.tempEnd - this.start > minSpeech) this.keep(this.start, this.tempEnd);
      else this.drop();
      this.start = null;
      this.prevEnd = this.nextStart = this.tempEnd = 0;
      this.triggered = false;
    }
  }

  /** Emits what frame `at` made certain: the current region's start, or the previous region's end. */
  private settle(at: number): void {
    const { pad, minSpeech } = this.limits;
    if (this.start !== null && !this.confirmed) {
      // The region's end will be at least the pending silence start, or past this frame's start.
      const lowerBound = this.tempEnd !== 0 ? this.tempEnd : at;
      if (lowerBound - this.start > minSpeech) this.confirm(this.start);
    }
    if (this.pendingEnd !== null) {
      // The next kept region starts at or after the open region's start, or after this frame.
      const earliestNext = this.start !== null ? this.start : at;
      if (earliestNext - this.pendingEnd >= 2 * pad) {
        this.emit('speech-end', Math.trunc(this.pendingEnd + pad));
        this.pendingEnd = null;
      }
    }
  }

  finish(totalSamples: number): readonly SpeechEvent[] {
    if (this.finished) return NONE;
    this.finished = true;
    this.out = [];
    const { pad, minSpeech } = this.limits;
    if (this.start !== null && totalSamples - this.start > minSpeech) this.keep(this.start, totalSamples);
    this.start = null;
    if (this.pendingEnd !== null) {
      this.emit('speech-end', Math.trunc(Math.min(totalSamples, this.pendingEnd + pad)));
      this.pendingEnd = null;
    }
    return this.out;
  }

  reset(): void {
    this.triggered = false;
    this.start = null;
    this.tempEnd = this.prevEnd = this.nextStart = this.index = 0;
    this.confirmed = false;
    this.pendingEnd = null;
    this.lastRawEnd = null;
    this.finished = false;
    this.out = [];
  }
}

/**
 * Creates an online segmenter.
 * @example
 * const seg = createSpeechSegmenter({ minSilenceDurationMs: 200, speechPadMs: 30 });
 * for (const frame of frames) for (const e of seg.push(await vad.probability(frame))) console.log(e.type, e.sec);
 * for (const e of seg.finish(totalSamples)) console.log(e.type, e.sec);
 */
export function createSpeechSegmenter(options: SpeechSegmenterOptions = {}): SpeechSegmenter {
  return new Segmenter(options);
}
