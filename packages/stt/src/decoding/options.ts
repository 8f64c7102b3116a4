/**
 * Options of one 30 s window decode (OpenAI's `DecodingOptions`), already validated.
 * Mutually exclusive token decoders are a discriminated union.
 */

/** Greedy at temperature 0, or sampling from `softmax(logits / temperature)` keeping the best of `bestOf` samples. */
export interface SamplingStrategy {
  readonly kind: 'sampling';
  /** 0 = greedy (argmax). */
  readonly temperature: number;
  /** Independent samples per window when `temperature > 0`; the one with the best length-normalised score wins. */
  readonly bestOf: number;
}

/** Beam search exactly as OpenAI's `BeamSearchDecoder` (temperature 0). */
export interface BeamStrategy {
  readonly kind: 'beam';
  /** Live hypotheses per step (OpenAI `beam_size`). */
  readonly beamSize: number;
  /** Finished hypotheses collected before stopping = `round(beamSize * patience)` (OpenAI `patience`, default 1). */
  readonly patience: number;
}

export type TokenStrategy = SamplingStrategy | BeamStrategy;

/** Options for `decodeWindow`. */
export interface WindowDecodeOptions {
  /** `'transcribe'` or `'translate'` (to English). */
  readonly task: 'transcribe' | 'translate';
  /** Language code; `null` = detect from this window (multilingual models). */
  readonly language: string | null;
  readonly strategy: TokenStrategy;
  /** Maximum sampled tokens (OpenAI `sample_len`, default `nTextCtx / 2` = 224). */
  readonly sampleLen: number | null;
  /** `null`: rank by `sum_logprob / length`; a number α: by `sum_logprob / ((5 + length) / 6) ** α` (GNMT). */
  readonly lengthPenalty: number | null;
  /** Previous-text tokens put after `<|startofprev|>` (the last `nTextCtx / 2 - 1` are kept); empty = none. */
  readonly promptTokens: readonly number[];
  /** Tokens forced at the start of the sampled text (OpenAI `prefix`); empty = none. */
  readonly prefixTokens: readonly number[];
  /** Ids to suppress at every step; `-1` stands for the tokenizer's non-speech set. Special tokens are always added. */
  readonly suppressTokens: readonly number[];
  /** Suppress `" "` and `<|endoftext|>` at the first sampled step. */
  readonly suppressBlank: boolean;
  /** Decode without timestamp tokens (adds `<|notimestamps|>` to the prompt). */
  readonly withoutTimestamps: boolean;
  /** Latest allowed first timestamp, in seconds (OpenAI `max_initial_timestamp`, 1.0); `null` = no limit. */
  readonly maxInitialTimestampSec: number | null;
  /** Transformers-style repetition penalty on already sampled tokens; 1 = off. */
  readonly repetitionPenalty: number;
  /** Forbid repeating any n-gram of this size within the sampled tokens; 0 = off. */
  readonly noRepeatNgramSize: number;
  /** Seed of the sampling PRNG (used only when `temperature > 0`). */
  readonly seed: number;
}

/** OpenAI's `DecodingOptions` defaults for one window (language English, greedy, timestamps on). */
export const DEFAULT_WINDOW_DECODE_OPTIONS: WindowDecodeOptions = Object.freeze({
  task: 'transcribe',
  language: 'en',
  strategy: Object.freeze({ kind: 'sampling', temperature: 0, bestOf: 1 }),
  sampleLen: null,
  lengthPenalty: null,
  promptTokens: Object.freeze([]) as readonly number[],
  prefixTokens: Object.freeze([]) as readonly number[],
  suppressTokens: Object.freeze([-1]) as readonly number[],
  suppressBlank: true,
  withoutTimestamps: false,
  maxInitialTimestampSec: 1.0,
  repetitionPenalty: 1,
  noRepeatNgramSize: 0,
  seed: 0,
});
