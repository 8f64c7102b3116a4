/**
 * The VAD-batched strategy (faster-whisper's `BatchedInferencePipeline`): speech regions (at most one window long)
 * are cut out and packed, in order, into windows of at most `windowSec` of speech; the windows' log-mels are encoded
 * `batchSize` at a time, each window is decoded on its own (no text carried between windows, so they can be batched)
 * with the temperature-fallback ladder, and every time is mapped back to the original timeline.
 */
import { logMelSpectrogram, padOrTrimMel, sliceMelFrames } from '../../audio/index.js';
import { CHUNK_LENGTH_SEC, FRAMES_PER_SECOND, N_FRAMES, N_SAMPLES } from '../../core/constants.js';
import { InvalidOptionError } from '../../core/errors.js';
import type { Segment } from '../../core/types.js';
import { detectLanguage } from '../../decoding/index.js';
import type { EncoderOutput } from '../../runtime/types.js';
import { resolveVadOptions } from '../../vad/index.js';
import { decodeWithFallback, windowOptionsFor } from '../fallback.js';
import type { LongFormOptions } from '../long-form-options.js';
import { shouldSkipWindow } from '../quality-gates.js';
import { buildSegment } from '../segment-builder.js';
import type { LongFormHooks, LongFormInput, LongFormResult, LongFormStrategy, TranscriptionContext, WindowRecord } from '../strategy.js';
import { splitWindow } from '../window-segments.js';
import { emptyResult, findSpeech, rejectClipTimestamps } from './config.js';
import type { VadStrategyConfig } from './config.js';
import { collectChunks, restoreSegmentTimes, SpeechTimestampsMap } from './speech-map.js';
import type { SpeechChunk } from './speech-map.js';

/** Settings of the VAD-batched strategy. */
export interface VadBatchedConfig extends VadStrategyConfig {
  /** Most seconds of speech per window (default and maximum 30); also caps `maxSpeechDurationS`. */
  readonly windowSec?: number;
  /** Windows per encoder call (default 8). */
  readonly batchSize?: number;
}

/** faster-whisper's batched defaults: windows of 30 s, minimum silence 160 ms when none is given. */
export const DEFAULT_VAD_BATCHED = Object.freeze({ windowSec: CHUNK_LENGTH_SEC, batchSize: 8, minSilenceDurationMs: 160 });

/** Seed offset between windows, so every window samples from its own stream. */
const WINDOW_SEED_STRIDE = 1_000_003;

function checkConfig(config: VadBatchedConfig): { windowSec: number; batchSize: number } {
  const windowSec = config.windowSec ?? DEFAULT_VAD_BATCHED.windowSec;
  const batchSize = config.batchSize ?? DEFAULT_VAD_BATCHED.batchSize;
  if (!(windowSec > 0 && windowSec <= CHUNK_LENGTH_SEC)) {
    throw new InvalidOptionError('INVALID_OPTION', `option windowSec: ${windowSec} is not in (0, ${CHUNK_LENGTH_SEC}]`, { hint: 'give seconds of speech per window, at most 30', details: { option: 'windowSec' } });
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidOptionError('INVALID_OPTION', `option batchSize: ${batchSize} is not a whole number >= 1`, { hint: 'give windows per encoder call, e.g. 8', details: { option: 'batchSize' } });
  }
  return { windowSec, batchSize };
}

/** Log-mel windows `[batch, nMels, 3000]` of `chunks`, and each one's frames before padding. */
function melBatch(chunks: readonly SpeechChunk[], nMels: number): { data: Float32Array; frames: number[] } {
  const per = nMels * N_FRAMES;
  const data = new Float32Array(chunks.length * per);
  const frames: number[] = [];
  chunks.forEach((c, k) => {
    const mel = logMelSpectrogram({ samples: c.samples, sampleRate: 16_000 }, { nMels, paddingSamples: N_SAMPLES });
    const content = Math.min(N_FRAMES, mel.nFrames - N_FRAMES);
    data.set(padOrTrimMel(sliceMelFrames(mel, 0, content), N_FRAMES).data, k * per);
    frames.push(content);
  });
  return { data, frames };
}

function split(out: EncoderOutput): EncoderOutput[] {
  const size = out.data.length / out.batch;
  return Array.from({ length: out.batch }, (_, k) => ({ batch: 1, data: out.data.subarray(k * size, (k + 1) * size), dims: [1, out.dims[1], out.dims[2]] as const }));
}

/**
 * Creates the VAD-batched strategy.
 * @example
 * const strategy = createVadBatchedStrategy({ batchSize: 8, options: { minSilenceDurationMs: 300 } });
 * const transcript = await transcriber.transcribe('meeting.wav', { strategy });
 */
export function createVadBatchedStrategy(config: VadBatchedConfig = {}): LongFormStrategy {
  const { windowSec, batchSize } = checkConfig(config);
  resolveVadOptions(config.options); // bad options fail here, naming the field, not at the first file
  return {
    name: 'vad-batched',
    async transcribe(ctx: TranscriptionContext, input: LongFormInput, options: LongFormOptions, hooks: LongFormHooks = {}): Promise<LongFormResult> {
      rejectClipTimestamps(options, 'vad-batched');
      const { samples, sampleRate } = input.audio;
      const durationSec = samples.length / sampleRate;
      const given = config.options ?? {};
      const vadOptions = {
        ...given,
        minSilenceDurationMs: given.minSilenceDurationMs ?? DEFAULT_VAD_BATCHED.minSilenceDurationMs,
        maxSpeechDurationS: Math.min(given.maxSpeechDurationS ?? Number.POSITIVE_INFINITY, windowSec),
      };
      const regions = await findSpeech(input.audio, config, vadOptions);
      const speechRegions = regions.map((r) => ({ startSec: r.start / sampleRate, endSec: r.end / sampleRate }));
      const chunks = collectChunks(samples, regions, windowSec * sampleRate);
      if (chunks.length === 0) {
        hooks.onProgress?.({ doneSec: durationSec, totalSec: durationSec });
        return emptyResult(options, durationSec);
      }
      const { tokenizer } = ctx;
      const nMels = ctx.decoder.dims.nMels;
      const prompt = options.initialPrompt === null ? [] : tokenizer.encode(' ' + options.initialPrompt.trim());
      const prefix = options.prefix === null ? [] : tokenizer.encode(' ' + options.prefix.trim());
      let language = options.language ?? (tokenizer.isMultilingual ? null : 'en');
      let languageProbs: Readonly<Record<string, number>> | null = null;
      const joined: Segment[] = [];
      const windows: WindowRecord[] = [];
      const speechSamples = chunks.reduce((n, c) => n + c.samples.length, 0);
      let doneSamples = 0;
      for (let i = 0; i < chunks.length; i += batchSize) {
        const batch = chunks.slice(i, i + batchSize);
        const { data, frames } = melBatch(batch, nMels);
        const encoded = split(await ctx.encoder.encode(data, batch.length));
        if (language === null) {
          const detection = await detectLanguage(ctx.decoder, encoded[0] as EncoderOutput, tokenizer);
          language = detection.language;
          languageProbs = detection.probs;
        }
        for (const [k, chunk] of batch.entries()) {
          const index = i + k;
          const base = windowOptionsFor(options, language, prompt, index === 0 ? prefix : []);
          const seed = (options.seed + index * WINDOW_SEED_STRIDE) >>> 0;
          const { attempts, result } = await decodeWithFallback(ctx, encoded[k] as EncoderOutput, base, options, seed);
          const segmentFrames = frames[k] as number;
          const offsetSec = chunk.offset / sampleRate;
          const skipped = shouldSkipWindow(result, options.thresholds);
          doneSamples += chunk.samples.length;
          const seek = Math.round(offsetSec * FRAMES_PER_SECOND);
          windows.push({ seek, timeOffsetSec: offsetSec, segmentFrames, attempts, skippedAsSilence: skipped, seekAfter: seek + segmentFrames });
          if (skipped) continue;
          const ranges = splitWindow(result.tokens, tokenizer.timestampBegin, offsetSec, segmentFrames).segments;
          for (const range of ranges) joined.push(buildSegment(joined.length, seek, range, result, tokenizer));
        }
        hooks.onProgress?.({ doneSec: (durationSec * Math.min(speechSamples, doneSamples)) / speechSamples, totalSec: durationSec });
      }
      const segments = restoreSegmentTimes(joined, new SpeechTimestampsMap(regions, sampleRate));
      const text = segments.map((s) => s.text).join('');
      return { language: language ?? 'en', languageProbs, text, segments, durationSec, windows, speechRegions };
    },
  };
}
