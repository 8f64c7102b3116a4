/**
 * A deliberately small energy-based voice activity detector for the realtime route's `server_vad`, kept isolated
 * so the library's VAD can replace it. 20 ms frames; a frame is speech when its RMS level is above a level set by
 * OpenAI's `threshold` in [0, 1] (0 -> -60 dBFS, 0.5 -> -35 dBFS, 1 -> -10 dBFS). Speech starts at the first
 * speech frame (reported `prefix_padding_ms` earlier) and stops after `silence_duration_ms` of non-speech frames.
 */

export interface VadSettings {
  /** OpenAI `threshold`, 0..1 (default 0.5). */
  readonly threshold: number;
  /** OpenAI `prefix_padding_ms` (default 300): audio kept before the detected start. */
  readonly prefixPaddingMs: number;
  /** OpenAI `silence_duration_ms` (default 500): silence that ends a turn. */
  readonly silenceDurationMs: number;
}

export const DEFAULT_VAD: VadSettings = Object.freeze({ threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 });

export type VadEvent = { readonly kind: 'start'; readonly atSample: number } | { readonly kind: 'stop'; readonly atSample: number };

const FRAME_MS = 20;

/** RMS level in [0, 1] a frame must exceed to be speech. */
export function thresholdLevel(threshold: number): number {
  return 10 ** ((-60 + 50 * threshold) / 20);
}

export class EnergyVad {
  readonly #frame: number;
  readonly #level: number;
  readonly #prefix: number;
  readonly #silenceFrames: number;
  /** Samples seen so far (absolute position of the next sample). */
  #position = 0;
  #sumSquares = 0;
  #inFrame = 0;
  #speaking = false;
  #silentRun = 0;

  constructor(settings: VadSettings, sampleRate: number) {
    this.#frame = Math.round((sampleRate * FRAME_MS) / 1000);
    this.#level = thresholdLevel(settings.threshold);
    this.#prefix = Math.round((sampleRate * settings.prefixPaddingMs) / 1000);
    this.#silenceFrames = Math.max(1, Math.ceil(settings.silenceDurationMs / FRAME_MS));
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Feeds int16 samples; returns the starts and stops they complete, with absolute sample positions. */
  push(samples: Int16Array): VadEvent[] {
    const events: VadEvent[] = [];
    for (let i = 0; i < samples.length; i++) {
      const x = (samples[i] as number) / 32768;
      this.#sumSquares += x * x;
      this.#position++;
      if (++this.#inFrame < this.#frame) continue;
      const speech = Math.sqrt(this.#sumSquares / this.#frame) > this.#level;
      const frameStart = this.#position - this.#frame;
      this.#sumSquares = 0;
      this.#inFrame = 0;
      if (!this.#speaking && speech) {
        this.#speaking = true;
        this.#silentRun = 0;
        events.push({ kind: 'start', atSample: Math.max(0, frameStart - this.#prefix) });
      } else if (this.#speaking) {
        this.#silentRun = speech ? 0 : this.#silentRun + 1;
        if (this.#silentRun >= this.#silenceFrames) {
          this.#speaking = false;
          events.push({ kind: 'stop', atSample: this.#position });
        }
      }
    }
    return events;
  }
}
