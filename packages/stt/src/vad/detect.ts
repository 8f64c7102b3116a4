/** Offline detection: a whole signal in, speech regions out (faster-whisper's `get_speech_timestamps`). */
import { InvalidOptionError } from '../core/errors.js';
import type { Samples, SpeechRegion } from '../core/types.js';
import { createEnergyVad } from './energy.js';
import type { EnergyVadOptions } from './energy.js';
import { resolveVadOptions } from './options.js';
import type { VadOptions } from './options.js';
import { frameCount, regionsFromProbabilities } from './regions.js';
import { createSileroVad } from './silero.js';
import type { SileroVadOptions } from './silero.js';
import type { FrameVad, SampleRegion, VadModelName } from './types.js';

/** Which detector to build, and its own settings. */
export interface FrameVadSpec {
  /** `'silero'` (default) or `'energy'`. */
  readonly model?: VadModelName;
  readonly silero?: Omit<SileroVadOptions, 'sampleRate'>;
  readonly energy?: Omit<EnergyVadOptions, 'sampleRate'>;
}

/**
 * Builds a detector for `sampleRate`.
 * @example const vad = await createFrameVad({ model: 'energy' });
 */
export async function createFrameVad(spec: FrameVadSpec = {}, sampleRate = 16000): Promise<FrameVad> {
  const model = spec.model ?? 'silero';
  if (model === 'energy') return createEnergyVad({ ...spec.energy, sampleRate });
  if (model !== 'silero') {
    throw new InvalidOptionError('INVALID_VAD_OPTION', `vad option model: ${JSON.stringify(model)} is not a VAD model`, { hint: "use 'silero' or 'energy'", details: { option: 'model' } });
  }
  if (sampleRate !== 16000 && sampleRate !== 8000) {
    throw new InvalidOptionError('INVALID_VAD_OPTION', `vad option sampleRate: Silero runs at 16000 or 8000 Hz, got ${sampleRate}`, { hint: 'resample the audio to 16 kHz first', details: { option: 'sampleRate' } });
  }
  return createSileroVad({ ...spec.silero, sampleRate });
}

/**
 * One probability per frame of `samples`, frames zero-padded at the end as faster-whisper does
 * (`frameCount(samples.length)` frames). Resets `vad` first. `onFrame` reports progress (frames done, total).
 */
export async function speechProbabilities(vad: FrameVad, samples: Float32Array, onFrame?: (done: number, total: number) => void): Promise<Float32Array> {
  const n = vad.frameSamples;
  const total = frameCount(samples.length, n);
  const probs = new Float32Array(total);
  const last = new Float32Array(n);
  vad.reset();
  for (let i = 0; i < total; i++) {
    const from = i * n;
    let frame: Float32Array;
    if (from + n <= samples.length) frame = samples.subarray(from, from + n);
    else {
      last.fill(0);
      last.set(samples.subarray(from));
      frame = last;
    }
    probs[i] = await vad.probability(frame);
    if (onFrame !== undefined && (i % 256 === 255 || i === total - 1)) onFrame(i + 1, total);
  }
  return probs;
}

/** Options of `detectSpeech`: region options plus the detector. */
export interface DetectSpeechOptions extends VadOptions, FrameVadSpec {
  /** A detector to use instead of building one (it is not disposed). */
  readonly vad?: FrameVad;
  /** Progress in seconds of audio. */
  readonly onProgress?: (doneSec: number, totalSec: number) => void;
}

/** Regions in samples (the building block of `detectSpeech`). */
export async function detectSpeechSamples(audio: Samples, options: DetectSpeechOptions = {}): Promise<SampleRegion[]> {
  const resolved = resolveVadOptions(options);
  const vad = options.vad ?? (await createFrameVad(options, audio.sampleRate));
  try {
    if (vad.sampleRate !== audio.sampleRate) {
      throw new InvalidOptionError('INVALID_VAD_OPTION', `vad option vad: the detector runs at ${vad.sampleRate} Hz, the audio is ${audio.sampleRate} Hz`, { hint: 'resample the audio first', details: { option: 'vad' } });
    }
    const totalSec = audio.samples.length / audio.sampleRate;
    const onFrame = options.onProgress === undefined ? undefined : (done: number, total: number) => options.onProgress?.((totalSec * done) / total, totalSec);
    const probs = await speechProbabilities(vad, audio.samples, onFrame);
    return regionsFromProbabilities(probs, audio.samples.length, resolved, vad);
  } finally {
    if (options.vad === undefined) await vad.dispose();
  }
}

/**
 * Finds speech in `audio` with faster-whisper's `get_speech_timestamps` semantics and defaults.
 * @example
 * const regions = await detectSpeech(await loadAudio('talk.wav'), { minSilenceDurationMs: 200, speechPadMs: 30 });
 * // [{ startSec: 0.29, endSec: 2.97 }, ...]
 */
export async function detectSpeech(audio: Samples, options: DetectSpeechOptions = {}): Promise<SpeechRegion[]> {
  const regions = await detectSpeechSamples(audio, options);
  return regions.map((r) => ({ startSec: r.start / audio.sampleRate, endSec: r.end / audio.sampleRate }));
}
