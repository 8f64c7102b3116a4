/**
 * The speech gate built from the VAD stage: a `FrameVad` gives one speech probability per frame, the online
 * segmenter (faster-whisper's hysteresis, padding and minimum durations) turns them into speech-start/end events.
 */
import { createSpeechSegmenter, resolveVadOptions } from '../vad/index.js';
import type { FrameVad, VadOptions } from '../vad/index.js';
import type { GateEvent, SpeechGate } from './types.js';

/**
 * Region options for streaming when not given: whisper_streaming's VAD settings (500 ms of silence ends an
 * utterance, 100 ms padding) rather than faster-whisper's offline 2 s / 400 ms, which would hold every commit
 * at an utterance end back by almost 3 s.
 */
export const STREAM_VAD_DEFAULTS: Readonly<VadOptions> = Object.freeze({ minSilenceDurationMs: 500, speechPadMs: 100 });

/**
 * @param vad the detector (16 kHz); disposed with the gate when `ownsVad`
 * @example const gate = frameVadGate(await createFrameVad({ model: 'silero' }), { threshold: 0.5 }, true);
 */
export function frameVadGate(vad: FrameVad, options: VadOptions = {}, ownsVad = false): SpeechGate {
  const resolved = resolveVadOptions({ ...STREAM_VAD_DEFAULTS, ...options });
  const segmenter = createSpeechSegmenter({ ...resolved, sampleRate: vad.sampleRate, frameSamples: vad.frameSamples });
  const toGate = (events: readonly { type: GateEvent['type']; sec: number }[]): GateEvent[] => events.map((e) => ({ type: e.type, sec: e.sec }));
  vad.reset();
  return {
    frameSamples: vad.frameSamples,
    async push(frame) {
      const p = await vad.probability(frame);
      const events = segmenter.push(p);
      return events.length === 0 ? [] : toGate(events);
    },
    end(sec) {
      return toGate(segmenter.finish(Math.min(Math.round(sec * vad.sampleRate), segmenter.frames * segmenter.frameSamples)));
    },
    dispose: () => (ownsVad ? vad.dispose() : Promise.resolve()),
  };
}
