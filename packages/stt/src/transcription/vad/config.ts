/** How the VAD strategies find speech: which detector, with which region options. */
import { InvalidOptionError } from '../../core/errors.js';
import type { Samples } from '../../core/types.js';
import { detectSpeechSamples } from '../../vad/index.js';
import type { FrameVad, SampleRegion, VadModelName, VadOptions } from '../../vad/index.js';
import type { LongFormOptions } from '../long-form-options.js';

/** Detector and region options of a VAD strategy. */
export interface VadStrategyConfig {
  /** `'silero'` (default) or `'energy'`; ignored when `createVad` is given. */
  readonly model?: VadModelName;
  /** Region options (faster-whisper's names and defaults). */
  readonly options?: VadOptions;
  /** Builds the detector (tests, custom models); it is disposed after each transcription. */
  readonly createVad?: (sampleRate: number) => Promise<FrameVad>;
}

/** Speech regions of `audio` in samples; the detector lives for this call only. */
export async function findSpeech(audio: Samples, config: VadStrategyConfig, options: VadOptions): Promise<SampleRegion[]> {
  if (config.createVad === undefined) return detectSpeechSamples(audio, { ...options, model: config.model ?? 'silero' });
  const vad = await config.createVad(audio.sampleRate);
  try {
    return await detectSpeechSamples(audio, { ...options, vad });
  } finally {
    await vad.dispose();
  }
}

/** `clipTimestamps` name times of the original audio; the VAD strategies transcribe cut audio, so the two exclude each other. */
export function rejectClipTimestamps(options: LongFormOptions, strategy: string): void {
  if (options.clipTimestampsSec.length > 0) {
    throw new InvalidOptionError('INVALID_OPTION', `option clipTimestamps: not available with the ${strategy} strategy (VAD chooses what to transcribe)`, {
      hint: 'drop clipTimestamps, or transcribe without VAD',
      details: { option: 'clipTimestamps' },
    });
  }
}

/** The result of a file without speech: nothing decoded, nothing to detect a language on (given language, else 'en'). */
export function emptyResult(options: LongFormOptions, durationSec: number) {
  return { language: options.language ?? 'en', languageProbs: null, text: '', segments: [], durationSec, windows: [], speechRegions: [] };
}
