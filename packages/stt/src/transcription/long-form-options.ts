/** Validated options of a long-form transcription (OpenAI `transcribe()` parameters plus decode options). */
import type { BeamStrategy } from '../decoding/index.js';

/** Thresholds of the temperature-fallback and silence decisions; `null` disables one. */
export interface QualityThresholds {
  /** Fall back when `compressionRatio` is above this (2.4): the text is too repetitive. */
  readonly compressionRatio: number | null;
  /** Fall back when `avgLogprob` is below this (-1.0). */
  readonly logprob: number | null;
  /** With `avgLogprob` below `logprob`, a `noSpeechProb` above this (0.6) means silence: no fallback, window skipped. */
  readonly noSpeech: number | null;
}

/** Everything the long-form strategies read; built and validated once by `api/`. */
export interface LongFormOptions {
  readonly task: 'transcribe' | 'translate';
  /** Language code; `null` = detect on the first 30 s (multilingual models). */
  readonly language: string | null;
  /** Temperature ladder tried in order until a decode passes the quality gates. */
  readonly temperatures: readonly number[];
  readonly thresholds: QualityThresholds;
  /** Beam search at temperature 0 (`null` = greedy). */
  readonly beam: Omit<BeamStrategy, 'kind'> | null;
  /** Samples per window at temperature > 0. */
  readonly bestOf: number;
  readonly lengthPenalty: number | null;
  /** Feed the previous windows' tokens as the prompt of the next one. */
  readonly conditionOnPreviousText: boolean;
  /** Text put before the first window's prompt (OpenAI `initial_prompt`). */
  readonly initialPrompt: string | null;
  /** Keep `initialPrompt` at the head of every window's prompt (OpenAI `carry_initial_prompt`). */
  readonly carryInitialPrompt: boolean;
  /** Text forced at the start of the first window's output. */
  readonly prefix: string | null;
  /** `[start, end, start, end, ...]` in seconds; an odd count runs the last clip to the end. Empty = whole file. */
  readonly clipTimestampsSec: readonly number[];
  readonly suppressTokens: readonly number[];
  readonly suppressBlank: boolean;
  readonly withoutTimestamps: boolean;
  readonly maxInitialTimestampSec: number | null;
  readonly sampleLen: number | null;
  readonly repetitionPenalty: number;
  readonly noRepeatNgramSize: number;
  /** Seed of the sampling PRNG; each window and attempt derives its own seed from it. */
  readonly seed: number;
  /** OpenAI `word_timestamps` (false): cross-attention word times, and the seek loop that follows words. */
  readonly wordTimestamps?: boolean;
  /** OpenAI `prepend_punctuations`: marks merged into the following word. */
  readonly prependPunctuations?: string;
  /** OpenAI `append_punctuations`: marks merged into the previous word. */
  readonly appendPunctuations?: string;
  /** OpenAI `hallucination_silence_threshold` (seconds; needs word timestamps): skip silence before likely hallucinations. */
  readonly hallucinationSilenceThresholdSec?: number | null;
}
