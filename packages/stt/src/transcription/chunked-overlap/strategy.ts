/**
 * The chunked-overlap long-form strategy on a real model: windows of the whole-file log-mel are encoded in
 * batches, each decoded independently (no prompt carried between windows, so they can be batched) with the
 * temperature-fallback ladder, with timestamps unless `withoutTimestamps`; words timed by cross-attention DTW when the
 * model has `cross_attentions` outputs (`ctx.words` available), else by spreading segment times (labelled estimated);
 * then merged and cleaned.
 */
import { logMelSpectrogram, padOrTrimMel, sliceMelFrames, type LogMel } from '../../audio/index.js';
import { FRAMES_PER_SECOND, N_FRAMES, N_SAMPLES } from '../../core/constants.js';
import type { Token } from '../../core/types.js';
import { detectLanguage } from '../../decoding/index.js';
import type { EncoderOutput } from '../../runtime/types.js';
import type { MergedWord } from '../../stitching/index.js';
import { decodeWithFallback, windowOptionsFor } from '../fallback.js';
import type { LongFormOptions } from '../long-form-options.js';
import { shouldSkipWindow } from '../quality-gates.js';
import type { LongFormHooks, LongFormInput, LongFormResult, LongFormStrategy, TranscriptionContext, WindowRecord } from '../strategy.js';
import { framesToSec, splitWindow } from '../window-segments.js';
import { transcribeChunkedOverlap, type ChunkedOverlapOptions, type WindowDecoder, type WindowSpec } from './chunked-overlap.js';
import { buildSegments, type WindowQuality } from './segments.js';
import { alignedWindowWords, windowWords, type WindowWords } from './window-words.js';
import { addWordTimestamps, DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS, type WordAligner } from '../../alignment/index.js';
import type { WindowResult } from '../../decoding/index.js';
import { requireWordAligner, sotSequence, timedSegments } from '../word-segments.js';

/** Seed offset between windows, so every window samples from its own stream. */
const WINDOW_SEED_STRIDE = 1_000_003;

/** What the model decoder records per window, for the result. */
interface RunState {
  /** Windows whose word times come from cross-attention alignment. */
  readonly aligned: boolean[];
  readonly probabilities: (readonly number[] | undefined)[];
  readonly records: WindowRecord[];
  readonly quality: WindowQuality[];
  readonly tokens: (readonly (readonly Token[])[])[];
}

function frameRange(w: WindowSpec, contentFrames: number): [number, number] {
  const start = Math.round(w.startSec * FRAMES_PER_SECOND);
  return [start, Math.max(0, Math.min(Math.round((w.endSec - w.startSec) * FRAMES_PER_SECOND), contentFrames - start))];
}

async function encodeBatch(ctx: TranscriptionContext, mel: LogMel, ranges: readonly [number, number][]): Promise<EncoderOutput[]> {
  const per = mel.nMels * N_FRAMES;
  const data = new Float32Array(ranges.length * per);
  ranges.forEach(([start, count], k) => data.set(padOrTrimMel(sliceMelFrames(mel, start, count), N_FRAMES).data, k * per));
  const out = await ctx.encoder.encode(data, ranges.length);
  const size = out.data.length / out.batch;
  return ranges.map((_, k) => ({ batch: 1, data: out.data.subarray(k * size, (k + 1) * size), dims: [1, out.dims[1], out.dims[2]] }));
}

function modelDecoder(ctx: TranscriptionContext, mel: LogMel, options: LongFormOptions, language: string, state: RunState): WindowDecoder {
  const { tokenizer } = ctx;
  const contentFrames = mel.nFrames - N_FRAMES;
  const prompt = options.initialPrompt === null ? [] : tokenizer.encode(' ' + options.initialPrompt.trim());
  const prefix = options.prefix === null ? [] : tokenizer.encode(' ' + options.prefix.trim());
  return async (batch) => {
    const ranges = batch.map((w) => frameRange(w, contentFrames));
    const encoded = await encodeBatch(ctx, mel, ranges);
    const out = [];
    for (const [k, w] of batch.entries()) {
      const [seek, segmentFrames] = ranges[k] as [number, number];
      const base = windowOptionsFor(options, language, prompt, w.index === 0 ? prefix : []);
      const seed = (options.seed + w.index * WINDOW_SEED_STRIDE) >>> 0;
      const { attempts, result } = await decodeWithFallback(ctx, encoded[k] as EncoderOutput, base, options, seed);
      const skipped = shouldSkipWindow(result, options.thresholds);
      state.records[w.index] = { seek, timeOffsetSec: framesToSec(seek), segmentFrames, attempts, skippedAsSilence: skipped, seekAfter: seek + segmentFrames };
      state.quality[w.index] = { temperature: result.temperature, avgLogprob: result.avgLogprob, compressionRatio: result.compressionRatio, noSpeechProb: result.noSpeechProb };
      const align = !skipped && ctx.words?.available === true;
      state.aligned[w.index] = align;
      const ww = skipped
        ? { words: [], tokens: [] }
        : align
          ? await dtwWords(ctx, encoded[k] as EncoderOutput, result, { seek, segmentFrames, language, options })
          : windowWords(result, tokenizer, segmentFrames, !options.withoutTimestamps);
      state.tokens[w.index] = ww.tokens;
      state.probabilities[w.index] = 'probabilities' in ww ? ww.probabilities : undefined;
      out.push(ww.words);
    }
    return out;
  };
}

/** A window's words timed by cross-attention DTW, with OpenAI's `add_word_timestamps` heuristics (no pause before the window assumed). */
async function dtwWords(
  ctx: TranscriptionContext,
  encoded: EncoderOutput,
  result: WindowResult,
  w: { seek: number; segmentFrames: number; language: string; options: LongFormOptions },
): Promise<WindowWords> {
  const { tokenizer } = ctx;
  const aligner = ctx.words as WordAligner;
  const split = splitWindow(result.tokens, tokenizer.timestampBegin, framesToSec(w.seek), w.segmentFrames);
  const timed = timedSegments(w.seek, split.segments, result);
  const sot = sotSequence(tokenizer, w.language, w.options.task);
  await addWordTimestamps(timed, (text) => aligner.align(encoded, sot, text, w.segmentFrames, w.language, w.seek), {
    eot: tokenizer.eot,
    prependPunctuations: w.options.prependPunctuations ?? DEFAULT_PREPEND_PUNCTUATIONS,
    appendPunctuations: w.options.appendPunctuations ?? DEFAULT_APPEND_PUNCTUATIONS,
    lastSpeechTimestamp: framesToSec(w.seek),
    secondsPerFrame: framesToSec,
  });
  return alignedWindowWords(result, tokenizer, w.seek, timed, w.segmentFrames);
}

async function resolveLanguage(ctx: TranscriptionContext, mel: LogMel, options: LongFormOptions) {
  if (options.language !== null) return { language: options.language, probs: null };
  if (!ctx.tokenizer.isMultilingual) return { language: 'en', probs: null };
  const [first] = await encodeBatch(ctx, mel, [[0, Math.min(N_FRAMES, mel.nFrames - N_FRAMES)]]);
  const detection = await detectLanguage(ctx.decoder, first as EncoderOutput, ctx.tokenizer);
  return { language: detection.language, probs: detection.probs };
}

/** Settings of the strategy: window, overlap, batch, merge and cleanup (progress goes through the hooks). */
export type ChunkedOverlapStrategyOptions = Omit<ChunkedOverlapOptions, 'onProgress'>;

/**
 * Creates the chunked-overlap strategy.
 * @example
 * const strategy = createChunkedOverlapStrategy({ windowSec: 30, overlapSec: 2, batchSize: 4 });
 * const result = await strategy.transcribe(ctx, { audio }, options);
 */
export function createChunkedOverlapStrategy(config: ChunkedOverlapStrategyOptions = {}): LongFormStrategy {
  return {
    name: 'chunked-overlap',
    async transcribe(ctx: TranscriptionContext, input: LongFormInput, options: LongFormOptions, hooks: LongFormHooks = {}): Promise<LongFormResult> {
      if (options.wordTimestamps === true) requireWordAligner(ctx);
      const mel = input.mel ?? logMelSpectrogram(input.audio, { nMels: ctx.decoder.dims.nMels, paddingSamples: N_SAMPLES });
      const durationSec = framesToSec(mel.nFrames - N_FRAMES);
      const { language, probs } = await resolveLanguage(ctx, mel, options);
      const state: RunState = { aligned: [], probabilities: [], records: [], quality: [], tokens: [] };
      const run = await transcribeChunkedOverlap(durationSec, modelDecoder(ctx, mel, options, language, state), {
        ...config,
        onProgress: (done, total) => hooks.onProgress?.({ doneSec: (durationSec * done) / total, totalSec: durationSec }),
      });
      const tokensOf = (w: MergedWord): readonly Token[] => state.tokens[w.windowIndex]?.[w.wordIndex] ?? [];
      const quality = (i: number): WindowQuality => state.quality[i] ?? { temperature: 0, avgLogprob: 0, compressionRatio: 0, noSpeechProb: 0 };
      const timingOf = (w: MergedWord) => (state.aligned[w.windowIndex] === true ? ('dtw' as const) : ('estimated' as const));
      const probabilityOf = (w: MergedWord): number | undefined => state.probabilities[w.windowIndex]?.[w.wordIndex];
      const segments = buildSegments(run.words, run.windows, tokensOf, quality, timingOf, probabilityOf);
      const text = segments.map((s) => s.text).join('');
      return { language, languageProbs: probs, text, segments, durationSec, windows: state.records };
    },
  };
}
