/** The contract every voice activity detector implements, and the events of the online segmenter. */

/**
 * A frame-by-frame speech detector. Feed consecutive frames of exactly `frameSamples` samples of one stream;
 * each call returns the probability that the frame holds speech. Calls must not overlap (await each one).
 */
export interface FrameVad {
  /** Sample rate the detector expects (16000, or 8000 for Silero). */
  readonly sampleRate: number;
  /** Samples per frame (Silero: 512 at 16 kHz, 256 at 8 kHz). */
  readonly frameSamples: number;
  /** Speech probability in [0, 1] of the next frame of the stream. */
  probability(frame: Float32Array): Promise<number>;
  /** Forgets the stream (state, context): the next frame starts a new one. */
  reset(): void;
  dispose(): Promise<void>;
}

/** Which detector: Silero VAD v5 (default) or the model-free energy detector. */
export type VadModelName = 'silero' | 'energy';

/** An event of the online segmenter; `sample` is the absolute sample index in the stream (padded boundary). */
export type SpeechEvent =
  | { readonly type: 'speech-start'; readonly sample: number; readonly sec: number }
  | { readonly type: 'speech-end'; readonly sample: number; readonly sec: number };

/** A speech region in samples, `[start, end)`. */
export interface SampleRegion {
  readonly start: number;
  readonly end: number;
}
