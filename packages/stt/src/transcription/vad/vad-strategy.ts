/**
 * VAD in front of any long-form strategy, as faster-whisper's `vad_filter`: find the speech, cut it out and join it,
 * transcribe the joined audio with the inner strategy (OpenAI's sequential seek by default), then map every time
 * back to the original timeline. Silence costs no decoder call; a file without speech costs none at all.
 */
import type { Samples } from '../../core/types.js';
import { resolveVadOptions } from '../../vad/index.js';
import { sequentialStrategy } from '../sequential.js';
import type { LongFormHooks, LongFormInput, LongFormResult, LongFormStrategy, TranscriptionContext } from '../strategy.js';
import type { LongFormOptions } from '../long-form-options.js';
import { emptyResult, findSpeech, rejectClipTimestamps } from './config.js';
import type { VadStrategyConfig } from './config.js';
import { collectChunks, restoreSegmentTimes, SpeechTimestampsMap } from './speech-map.js';

/**
 * Wraps `inner` with VAD.
 * @example
 * const strategy = createVadStrategy({ model: 'silero', options: { minSilenceDurationMs: 500 } });
 * const transcript = await transcriber.transcribe('meeting.wav', { strategy });
 */
export function createVadStrategy(config: VadStrategyConfig = {}, inner: LongFormStrategy = sequentialStrategy): LongFormStrategy {
  resolveVadOptions(config.options); // bad options fail here, naming the field, not at the first file
  return {
    name: `vad+${inner.name}`,
    async transcribe(ctx: TranscriptionContext, input: LongFormInput, options: LongFormOptions, hooks: LongFormHooks = {}): Promise<LongFormResult> {
      rejectClipTimestamps(options, 'VAD');
      const { samples, sampleRate } = input.audio;
      const durationSec = samples.length / sampleRate;
      const regions = await findSpeech(input.audio, config, config.options ?? {});
      const speechRegions = regions.map((r) => ({ startSec: r.start / sampleRate, endSec: r.end / sampleRate }));
      const [speech] = collectChunks(samples, regions);
      if (speech === undefined) {
        hooks.onProgress?.({ doneSec: durationSec, totalSec: durationSec });
        return emptyResult(options, durationSec);
      }
      const joined: Samples = { samples: speech.samples, sampleRate };
      const scale = durationSec / (speech.samples.length / sampleRate);
      const onProgress = hooks.onProgress;
      const innerHooks: LongFormHooks = onProgress === undefined ? {} : { onProgress: (e) => onProgress({ doneSec: Math.min(durationSec, e.doneSec * scale), totalSec: durationSec }) };
      const result = await inner.transcribe(ctx, { audio: joined }, options, innerHooks);
      const segments = restoreSegmentTimes(result.segments, new SpeechTimestampsMap(regions, sampleRate));
      return { ...result, segments, durationSec, speechRegions };
    },
  };
}
