/**
 * A `FrameVad` and a `SpeechSegmenter` joined for live audio: push chunks of any size, get `speech-start` /
 * `speech-end` events. Framing is the offline one (`detectSpeech`): consecutive frames from sample 0, and at
 * `finish()` the last partial frame zero-padded (a whole last frame adds an all-zero one, as faster-whisper pads), so
 * a stream gives exactly the offline regions whatever its chunk sizes (tested).
 */
import type { VadOptions } from './options.js';
import { createSpeechSegmenter } from './segmenter.js';
import type { FrameVad, SpeechEvent } from './types.js';

export interface VadStream {
  /** Samples received so far. */
  readonly samples: number;
  /** Feeds `chunk` (mono, the detector's sample rate); resolves to the events it settles, in order. */
  push(chunk: Float32Array): Promise<SpeechEvent[]>;
  /** End of stream: runs the last (padded) frame and closes an open region. */
  finish(): Promise<SpeechEvent[]>;
  /** A new stream (the detector is reset too). */
  reset(): void;
}

/**
 * @example
 * const stream = createVadStream(await createSileroVad(), { minSilenceDurationMs: 500, speechPadMs: 100 });
 * for await (const chunk of microphone) for (const e of await stream.push(chunk)) console.log(e.type, e.sec);
 * for (const e of await stream.finish()) console.log(e.type, e.sec);
 */
export function createVadStream(vad: FrameVad, options: VadOptions = {}): VadStream {
  const n = vad.frameSamples;
  const segmenter = createSpeechSegmenter({ ...options, frameSamples: n, sampleRate: vad.sampleRate });
  const frame = new Float32Array(n);
  let filled = 0;
  let total = 0;
  let finished = false;
  vad.reset();
  return {
    get samples() {
      return total;
    },
    async push(chunk) {
      if (finished) throw new Error('vad stream: push() after finish(); call reset() first');
      const events: SpeechEvent[] = [];
      let at = 0;
      total += chunk.length;
      while (at < chunk.length) {
        const take = Math.min(n - filled, chunk.length - at);
        frame.set(chunk.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === n) {
          filled = 0;
          for (const e of segmenter.push(await vad.probability(frame))) events.push(e);
        }
      }
      return events;
    },
    async finish() {
      if (finished) return [];
      finished = true;
      frame.fill(0, filled);
      filled = 0;
      const events = [...segmenter.push(await vad.probability(frame))];
      for (const e of segmenter.finish(total)) events.push(e);
      return events;
    },
    reset() {
      vad.reset();
      segmenter.reset();
      filled = 0;
      total = 0;
      finished = false;
    },
  };
}
