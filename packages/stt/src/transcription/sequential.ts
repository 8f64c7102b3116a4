/**
 * Sequential seek, OpenAI's `transcribe()` algorithm: one log-mel for the whole file, 30 s windows, each decoded
 * with temperature fallback and conditioned on the previous text; the next window starts at the last complete
 * timestamp pair.
 */
import { logMelSpectrogram, padOrTrimMel, sliceMelFrames } from '../audio/index.js';
import type { LogMel } from '../audio/index.js';
import { N_FRAMES, N_SAMPLES } from '../core/constants.js';
import type { Segment, Word } from '../core/types.js';
import { detectLanguage, pythonTail } from '../decoding/index.js';
import { decodeWithFallback, windowOptionsFor } from './fallback.js';
import type { LongFormOptions } from './long-form-options.js';
import { PROMPT_RESET_TEMPERATURE, shouldSkipWindow } from './quality-gates.js';
import { buildSegment } from './segment-builder.js';
import { seekClips } from './seek-clips.js';
import type { LongFormHooks, LongFormInput, LongFormResult, LongFormStrategy, TranscriptionContext, WindowRecord } from './strategy.js';
import { framesToSec, splitWindow, type WindowSegment } from './window-segments.js';
import { DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS } from '../alignment/index.js';
import type { TimedSegment } from '../alignment/index.js';
import { requireWordAligner, sotSequence, textConfidences, timedSegments, toLibraryWords } from './word-segments.js';
import { timeWindowWords } from './word-seek.js';

/** Seed offset between windows, so every window samples from its own stream. */
const WINDOW_SEED_STRIDE = 1_000_003;

/** The prompt state carried from window to window. */
interface PromptState {
  readonly allTokens: number[];
  readonly initialPromptTokens: readonly number[];
  resetSince: number;
}

/** Prompt of the next window: everything since the last reset, or the initial prompt plus the newest tokens. */
function nextPrompt(state: PromptState, options: LongFormOptions, nTextCtx: number): number[] {
  if (!options.carryInitialPrompt) return state.allTokens.slice(state.resetSince);
  const initial = state.initialPromptTokens;
  const remaining = Math.floor(nTextCtx / 2) - 1 - initial.length;
  const ignored = Math.max(initial.length, state.resetSince);
  return [...initial, ...pythonTail(state.allTokens.slice(ignored), remaining)];
}

async function encodeWindow(ctx: TranscriptionContext, mel: LogMel, seek: number, frames: number) {
  const window = padOrTrimMel(sliceMelFrames(mel, seek, frames), N_FRAMES);
  return ctx.encoder.encode(window.data, 1);
}

async function resolveLanguage(ctx: TranscriptionContext, mel: LogMel, options: LongFormOptions) {
  if (options.language !== null) return { language: options.language, probs: null };
  if (!ctx.tokenizer.isMultilingual) return { language: 'en', probs: null };
  const detection = await detectLanguage(ctx.decoder, await encodeWindow(ctx, mel, 0, N_FRAMES), ctx.tokenizer);
  return { language: detection.language, probs: detection.probs };
}

/** OpenAI's sequential long-form transcription. */
export const sequentialStrategy: LongFormStrategy = {
  name: 'sequential',
  async transcribe(ctx: TranscriptionContext, input: LongFormInput, options: LongFormOptions, hooks: LongFormHooks = {}) {
    const { tokenizer } = ctx;
    const nTextCtx = ctx.decoder.dims.nTextCtx;
    const mel = input.mel ?? logMelSpectrogram(input.audio, { nMels: ctx.decoder.dims.nMels, paddingSamples: N_SAMPLES });
    const contentFrames = mel.nFrames - N_FRAMES;
    const totalSec = framesToSec(contentFrames);
    const { language, probs } = await resolveLanguage(ctx, mel, options);
    const initialPromptTokens = options.initialPrompt === null ? [] : tokenizer.encode(' ' + options.initialPrompt.trim());
    const state: PromptState = { allTokens: [...initialPromptTokens], initialPromptTokens, resetSince: 0 };
    const prefixTokens = options.prefix === null ? [] : tokenizer.encode(' ' + options.prefix.trim());
    const segments: Segment[] = [];
    const windows: WindowRecord[] = [];
    const aligner = options.wordTimestamps === true ? requireWordAligner(ctx) : null;
    const sot = sotSequence(tokenizer, language, options.task);
    const wordOptions = {
      eot: tokenizer.eot,
      prependPunctuations: options.prependPunctuations ?? DEFAULT_PREPEND_PUNCTUATIONS,
      appendPunctuations: options.appendPunctuations ?? DEFAULT_APPEND_PUNCTUATIONS,
      hallucinationSilenceThresholdSec: options.hallucinationSilenceThresholdSec ?? null,
    };
    let lastSpeechTimestamp = 0;
    let windowWords: Word[][] = [];
    for (const [clipStart, clipEnd] of seekClips(options.clipTimestampsSec, contentFrames)) {
      let seek = clipStart;
      while (seek < clipEnd) {
        const segmentFrames = Math.min(N_FRAMES, contentFrames - seek, clipEnd - seek);
        const timeOffsetSec = framesToSec(seek);
        const promptTokens = nextPrompt(state, options, nTextCtx);
        const base = windowOptionsFor(options, language, promptTokens, windows.length === 0 ? prefixTokens : []);
        const encoded = await encodeWindow(ctx, mel, seek, segmentFrames);
        const seed = (options.seed + windows.length * WINDOW_SEED_STRIDE) >>> 0;
        const { attempts, result } = await decodeWithFallback(ctx, encoded, base, options, seed);
        const record = { seek, timeOffsetSec, segmentFrames, attempts };
        if (shouldSkipWindow(result, options.thresholds)) {
          seek += segmentFrames;
          windows.push({ ...record, skippedAsSilence: true, seekAfter: seek });
          hooks.onProgress?.({ doneSec: framesToSec(Math.min(contentFrames, seek)), totalSec });
          continue;
        }
        const split = splitWindow(result.tokens, tokenizer.timestampBegin, timeOffsetSec, segmentFrames);
        // OpenAI would decode the same window forever when its last timestamp pair is <|0.00|><|0.00|> (possible
        // only without timestamp rules); move over the slice instead.
        let seekAfter = seek + (split.seekAdvanceFrames > 0 ? split.seekAdvanceFrames : segmentFrames);
        let timed: TimedSegment[] | null = null;
        if (aligner !== null) {
          timed = timedSegments(seek, split.segments, result);
          const confidences = textConfidences(split.segments, result, tokenizer.eot);
          const outcome = await timeWindowWords(
            { segments: timed, singleTimestampEnding: split.singleTimestampEnding, previousSeek: seek, segmentFrames, seek: seekAfter, contentFrames, lastSpeechTimestamp },
            (text) => aligner.align(encoded, sot, text, segmentFrames, language, seek),
            wordOptions,
          );
          seekAfter = outcome.seek;
          if (outcome.skipWindow) {
            windows.push({ ...record, skippedAsSilence: false, seekAfter });
            seek = seekAfter;
            hooks.onProgress?.({ doneSec: framesToSec(Math.min(contentFrames, seek)), totalSec });
            continue;
          }
          lastSpeechTimestamp = outcome.lastSpeechTimestamp;
          windowWords = toLibraryWords(timed, confidences);
        }
        const added = (timed ?? split.segments).map((_, i) => {
          const range = split.segments[i] as WindowSegment;
          const t = timed?.[i];
          const seg = buildSegment(segments.length + i, seek, t === undefined ? range : { ...range, startSec: t.start, endSec: t.end }, result, tokenizer);
          return timed === null ? seg : { ...seg, words: seg.text === '' ? [] : (windowWords[i] ?? []) };
        });
        segments.push(...added);
        for (const s of added) state.allTokens.push(...s.tokenIds);
        if (!options.conditionOnPreviousText || result.temperature > PROMPT_RESET_TEMPERATURE) {
          state.resetSince = state.allTokens.length;
        }
        seek = seekAfter;
        windows.push({ ...record, skippedAsSilence: false, seekAfter: seek });
        hooks.onProgress?.({ doneSec: framesToSec(Math.min(contentFrames, seek)), totalSec });
      }
    }
    const text = tokenizer.decode(state.allTokens.slice(initialPromptTokens.length));
    return { language, languageProbs: probs, text, segments, durationSec: totalSec, windows } satisfies LongFormResult;
  },
};
