/**
 * The interface every long-form strategy implements (sequential seek, chunked overlap, VAD in front of either,
 * VAD-batched windows), and the value types they return.
 */
import type { LogMel } from '../audio/index.js';
import type { WordAligner } from '../alignment/index.js';
import type { Samples, Segment, SpeechRegion } from '../core/types.js';
import type { DecodeHooks, DecodingTokenizer } from '../decoding/index.js';
import type { WhisperDecoder, WhisperEncoder } from '../runtime/types.js';
import type { Attempt } from './fallback.js';
import type { LongFormOptions } from './long-form-options.js';

/** The loaded model parts a strategy runs on. */
export interface TranscriptionContext {
  readonly encoder: WhisperEncoder;
  readonly decoder: WhisperDecoder;
  readonly tokenizer: DecodingTokenizer;
  /** Cross-attention word alignment (needed for `wordTimestamps`; absent = the model cannot time words). */
  readonly words?: WordAligner;
  /** Research hooks into every window decode (logit capture ...); absent = the standard decode. */
  readonly hooks?: DecodeHooks;
}

/** The audio to transcribe. */
export interface LongFormInput {
  /** 16 kHz mono samples. */
  readonly audio: Samples;
  /**
   * Whole-file log-mel in OpenAI's `transcribe()` convention (audio + 30 s of zeros, floor over all of it),
   * when the caller already has it; otherwise the strategy computes what it needs from `audio`.
   */
  readonly mel?: LogMel;
}

/** Progress of a long transcription. */
export interface ProgressEvent {
  /** Seconds of audio done so far. */
  readonly doneSec: number;
  /** Seconds of audio in total. */
  readonly totalSec: number;
}

/** The language the first window was detected as, with its probability. */
export interface LanguageEvent {
  readonly language: string;
  readonly probability: number;
}

export interface LongFormHooks {
  /** Called after every window. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Called with each segment as soon as it is final (sequential: after its window; chunked: after the merge). */
  readonly onSegment?: (segment: Segment) => void;
  /** Called once when the language was detected (not when it was given). */
  readonly onLanguage?: (event: LanguageEvent) => void;
  /** Checked between windows: once aborted, the strategy stops and returns what it has, with `partial: true`. */
  readonly signal?: AbortSignal;
}

/** What happened in one decoded 30 s window (for parity checks and debugging). */
export interface WindowRecord {
  /** Start frame of the window (OpenAI `seek`). */
  readonly seek: number;
  readonly timeOffsetSec: number;
  /** Mel frames of the slice before padding to 3000. */
  readonly segmentFrames: number;
  /** Every decode of the window in order; the last one is the result used. */
  readonly attempts: readonly Attempt[];
  readonly skippedAsSilence: boolean;
  /** `seek` after this window. */
  readonly seekAfter: number;
}

/** Result of a long-form strategy. */
export interface LongFormResult {
  readonly language: string;
  /** Probabilities of all languages, when the language was detected. */
  readonly languageProbs: Readonly<Record<string, number>> | null;
  readonly text: string;
  readonly segments: readonly Segment[];
  readonly durationSec: number;
  readonly windows: readonly WindowRecord[];
  /** True when `hooks.signal` stopped the run early: the segments cover only the start of the audio. */
  readonly partial?: boolean;
  /** Speech regions on the original timeline, when a VAD strategy chose what to transcribe. */
  readonly speechRegions?: readonly SpeechRegion[];
}

/** Reports a detected language to `hooks.onLanguage`. */
export function reportLanguage(hooks: LongFormHooks, language: string, probs: Readonly<Record<string, number>> | null): void {
  if (probs !== null) hooks.onLanguage?.({ language, probability: probs[language] ?? 0 });
}

/** A long-form transcription algorithm. */
export interface LongFormStrategy {
  readonly name: string;
  transcribe(
    ctx: TranscriptionContext,
    input: LongFormInput,
    options: LongFormOptions,
    hooks?: LongFormHooks,
  ): Promise<LongFormResult>;
}
