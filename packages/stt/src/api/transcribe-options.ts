/**
 * Public options of `transcriber.transcribe()`, with OpenAI `transcribe()` names in the docs, defaults equal to
 * OpenAI's, and validation done once (`InvalidOptionError`).
 */
import { DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS } from '../alignment/index.js';
import { InvalidOptionError } from '../core/errors.js';
import type { Segment } from '../core/types.js';
import type { LanguageEvent, LongFormOptions, LongFormStrategy, ProgressEvent } from '../transcription/index.js';
import type { CaptureLogitsOption } from '../research/index.js';

/** Token choice at temperature 0: greedy (default) or beam search. */
export type DecodingMode =
  | { readonly kind: 'greedy' }
  | {
      readonly kind: 'beam';
      /** OpenAI `beam_size`. */
      readonly beamSize: number;
      /** OpenAI `patience` (default 1.0): collect `round(beamSize * patience)` finished hypotheses. */
      readonly patience?: number;
    };

/** Options of one transcription. Every field is optional; the defaults are OpenAI `transcribe()`'s. */
export interface TranscribeOptions {
  /** OpenAI `language`: a code (`'en'`) or English name (`'German'`); `null` or `'auto'` (default) detects it on the first 30 s. */
  readonly language?: string | null;
  /** OpenAI `task`: `'transcribe'` (default) or `'translate'` (into English). */
  readonly task?: 'transcribe' | 'translate';
  /** OpenAI `temperature`: one value or the fallback ladder; default `[0, 0.2, 0.4, 0.6, 0.8, 1.0]`. */
  readonly temperature?: number | readonly number[];
  /** OpenAI `beam_size`/`patience` at temperature 0; default greedy. */
  readonly decoding?: DecodingMode;
  /** OpenAI `best_of`: samples per window at temperature > 0; default 1, as OpenAI's `transcribe()` (`best_of=None`). The `whisper` CLI passes 5. */
  readonly bestOf?: number;
  /** OpenAI `length_penalty`: `null` (default) ranks by `sum_logprob / length`, α in [0, 1] by the GNMT form. */
  readonly lengthPenalty?: number | null;
  /** OpenAI `compression_ratio_threshold` (2.4); `null` disables. */
  readonly compressionRatioThreshold?: number | null;
  /** OpenAI `logprob_threshold` (-1.0); `null` disables. */
  readonly logprobThreshold?: number | null;
  /** OpenAI `no_speech_threshold` (0.6); `null` disables. */
  readonly noSpeechThreshold?: number | null;
  /** OpenAI `condition_on_previous_text` (true). */
  readonly conditionOnPreviousText?: boolean;
  /** OpenAI `initial_prompt`: text that conditions the first window (vocabulary, spelling, style). */
  readonly initialPrompt?: string;
  /** OpenAI `carry_initial_prompt` (false): keep `initialPrompt` at the head of every window's prompt. */
  readonly carryInitialPrompt?: boolean;
  /** OpenAI `prefix`: text forced at the start of the first window's output. */
  readonly prefix?: string;
  /** OpenAI `clip_timestamps`: `'start,end,...'` or numbers in seconds; default the whole file. */
  readonly clipTimestamps?: string | readonly number[];
  /** OpenAI `suppress_tokens` (`[-1]` = non-speech symbols); special tokens are always suppressed. */
  readonly suppressTokens?: string | readonly number[];
  /** OpenAI `suppress_blank` (true). */
  readonly suppressBlank?: boolean;
  /** OpenAI `without_timestamps` (false). Segments then span whole windows. */
  readonly withoutTimestamps?: boolean;
  /** OpenAI `max_initial_timestamp` in seconds (1.0); `null` = no limit. */
  readonly maxInitialTimestamp?: number | null;
  /** OpenAI `sample_len`: maximum tokens per window; default `nTextCtx / 2` (224). */
  readonly sampleLen?: number;
  /** Repetition penalty (> 1 discourages repeats; 1 = off, default). Not in OpenAI. */
  readonly repetitionPenalty?: number;
  /** Forbid repeating any n-gram of this size inside a window (0 = off, default). Not in OpenAI. */
  readonly noRepeatNgramSize?: number;
  /** Seed of the sampling PRNG (default 0): same seed, same samples. */
  readonly seed?: number;
  /**
   * OpenAI `word_timestamps` (false): word times from cross-attention + DTW (needs a timestamped export, e.g.
   * `onnx-community/whisper-tiny_timestamped`); also makes the sequential seek follow the words, as OpenAI's does.
   */
  readonly wordTimestamps?: boolean;
  /** OpenAI `prepend_punctuations` (`"'“¿([{-`): marks merged into the following word. */
  readonly prependPunctuations?: string;
  /** OpenAI `append_punctuations` (`"'.。,，!！?？:：”)]}、`): marks merged into the previous word. */
  readonly appendPunctuations?: string;
  /**
   * OpenAI `hallucination_silence_threshold` in seconds (default `null` = off; needs `wordTimestamps`): skip silent
   * stretches longer than this before a segment that looks like a hallucination.
   */
  readonly hallucinationSilenceThreshold?: number | null;
  /** Long-form strategy (default: OpenAI's sequential seek). */
  readonly strategy?: LongFormStrategy;
  /** Progress after each window. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Each segment as soon as it is final (sequential: after its window; chunked: after the merge), e.g. to print it. */
  readonly onSegment?: (segment: Segment) => void;
  /** The detected language and its probability, once, when `language` is not given. */
  readonly onLanguage?: (event: LanguageEvent) => void;
  /**
   * Stops the transcription between windows. Aborting during decoding resolves early with the segments decoded so
   * far and `partial: true` on the transcript; aborting while the audio is still being decoded by ffmpeg rejects.
   */
  readonly signal?: AbortSignal;
  /** Called after every batched decoder call (profiling: time to first token, decoder steps). */
  readonly onDecoderStep?: () => void;
  /** Research: capture per-step logits and confidence measures (docs/research.md §1); default null = off. */
  readonly captureLogits?: CaptureLogitsOption | null;
}

/** OpenAI's default temperature ladder. */
export const DEFAULT_TEMPERATURES: readonly number[] = Object.freeze([0, 0.2, 0.4, 0.6, 0.8, 1.0]);
/** Samples per window at temperature > 0: OpenAI `transcribe()`'s default (`best_of=None` = one sample). */
export const DEFAULT_BEST_OF = 1;

function fail(field: string, message: string, hint: string): never {
  throw new InvalidOptionError('INVALID_OPTION', `option ${field}: ${message}`, { hint, details: { option: field } });
}

function finite(field: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) fail(field, `${value} is not in [${min}, ${max}]`, `give a number from ${min} to ${max}`);
  return value;
}

function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value)) fail(field, `${value} is not an integer`, 'give a whole number');
  return finite(field, value, min, max);
}

function numberList(field: string, value: string | readonly number[]): number[] {
  const list = typeof value === 'string' ? (value.trim() === '' ? [] : value.split(',').map((s) => Number(s.trim()))) : [...value];
  for (const v of list) if (!Number.isFinite(v)) fail(field, `${JSON.stringify(value)} holds a value that is not a number`, 'use numbers separated by commas');
  return list;
}

function nullable<T>(value: T | null | undefined, fallback: T | null, check: (v: T) => T): T | null {
  if (value === undefined) return fallback;
  return value === null ? null : check(value);
}

function temperatures(value: number | readonly number[] | undefined): number[] {
  const list = value === undefined ? [...DEFAULT_TEMPERATURES] : typeof value === 'number' ? [value] : [...value];
  if (list.length === 0) fail('temperature', 'the list is empty', 'give at least one temperature, e.g. 0');
  return list.map((t) => finite('temperature', t, 0, 10));
}

function beam(mode: DecodingMode | undefined): LongFormOptions['beam'] {
  if (mode === undefined || mode.kind === 'greedy') return null;
  if (mode.kind !== 'beam') fail('decoding', `unknown kind ${JSON.stringify((mode as { kind: unknown }).kind)}`, "use { kind: 'greedy' } or { kind: 'beam', beamSize }");
  const beamSize = integer('decoding.beamSize', mode.beamSize, 1, 64);
  const patience = finite('decoding.patience', mode.patience ?? 1, 0, 64);
  if (Math.round(beamSize * patience) < 1) fail('decoding.patience', `round(beamSize * patience) is 0`, 'use a patience of at least 1 / beamSize');
  return { beamSize, patience };
}

function language(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === 'auto') return null;
  if (typeof value !== 'string' || value.trim() === '') fail('language', `${JSON.stringify(value)} is not a language code`, "use a code such as 'en', or 'auto'");
  return value.trim().toLowerCase();
}

/** Options resolved for a strategy, plus the hooks that are not decoding options. */
export interface ResolvedTranscribeOptions {
  readonly longForm: LongFormOptions;
  readonly strategy: LongFormStrategy | undefined;
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  readonly onSegment: ((segment: Segment) => void) | undefined;
  readonly onLanguage: ((event: LanguageEvent) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onDecoderStep: (() => void) | undefined;
  readonly captureLogits: CaptureLogitsOption | null;
}

/**
 * Validates `options` once and fills in OpenAI's defaults. Throws `InvalidOptionError` naming the field.
 * @param nTextCtx decoder context length of the loaded model (448), bounding `sampleLen`
 */
export function resolveTranscribeOptions(options: TranscribeOptions = {}, nTextCtx = 448): ResolvedTranscribeOptions {
  if (options.task !== undefined && options.task !== 'transcribe' && options.task !== 'translate') {
    fail('task', `${JSON.stringify(options.task)} is not a task`, "use 'transcribe' or 'translate'");
  }
  const clip = numberList('clipTimestamps', options.clipTimestamps ?? []);
  if (clip.some((t, i) => t < 0 || (i > 0 && t < (clip[i - 1] as number)))) {
    fail('clipTimestamps', 'values must be non-negative and non-decreasing', "use 'start,end,start,end' in seconds");
  }
  const longForm: LongFormOptions = {
    task: options.task ?? 'transcribe',
    language: language(options.language),
    temperatures: temperatures(options.temperature),
    thresholds: {
      compressionRatio: nullable(options.compressionRatioThreshold, 2.4, (v) => finite('compressionRatioThreshold', v, 0, 1e6)),
      logprob: nullable(options.logprobThreshold, -1.0, (v) => finite('logprobThreshold', v, -1e6, 0)),
      noSpeech: nullable(options.noSpeechThreshold, 0.6, (v) => finite('noSpeechThreshold', v, 0, 1)),
    },
    beam: beam(options.decoding),
    bestOf: integer('bestOf', options.bestOf ?? DEFAULT_BEST_OF, 1, 64),
    lengthPenalty: nullable(options.lengthPenalty, null, (v) => finite('lengthPenalty', v, 0, 1)),
    conditionOnPreviousText: options.conditionOnPreviousText ?? true,
    initialPrompt: options.initialPrompt ?? null,
    carryInitialPrompt: options.carryInitialPrompt ?? false,
    prefix: options.prefix ?? null,
    clipTimestampsSec: clip,
    suppressTokens: numberList('suppressTokens', options.suppressTokens ?? [-1]).map((t) => integer('suppressTokens', t, -1, 1e7)),
    suppressBlank: options.suppressBlank ?? true,
    withoutTimestamps: options.withoutTimestamps ?? false,
    maxInitialTimestampSec: nullable(options.maxInitialTimestamp, 1.0, (v) => finite('maxInitialTimestamp', v, 0, 30)),
    sampleLen: options.sampleLen === undefined ? null : integer('sampleLen', options.sampleLen, 1, Math.floor(nTextCtx / 2)),
    repetitionPenalty: finite('repetitionPenalty', options.repetitionPenalty ?? 1, 1e-3, 100),
    noRepeatNgramSize: integer('noRepeatNgramSize', options.noRepeatNgramSize ?? 0, 0, 64),
    seed: integer('seed', options.seed ?? 0, 0, 2 ** 32 - 1),
    wordTimestamps: options.wordTimestamps ?? false,
    prependPunctuations: options.prependPunctuations ?? DEFAULT_PREPEND_PUNCTUATIONS,
    appendPunctuations: options.appendPunctuations ?? DEFAULT_APPEND_PUNCTUATIONS,
    hallucinationSilenceThresholdSec: nullable(options.hallucinationSilenceThreshold, null, (v) => finite('hallucinationSilenceThreshold', v, 0, 1e6)),
  };
  if (longForm.hallucinationSilenceThresholdSec !== null && longForm.wordTimestamps !== true) {
    fail('hallucinationSilenceThreshold', 'needs wordTimestamps', 'add wordTimestamps: true, or drop hallucinationSilenceThreshold');
  }
  for (const field of ['prependPunctuations', 'appendPunctuations'] as const) {
    if (typeof options[field] !== 'undefined' && typeof options[field] !== 'string') fail(field, 'is not a string', 'give the marks as one string, e.g. ".,!?"');
  }
  if (longForm.carryInitialPrompt && longForm.initialPrompt === null) {
    fail('carryInitialPrompt', 'needs initialPrompt', 'give initialPrompt, or drop carryInitialPrompt');
  }
  const strategy: unknown = options.strategy;
  if (strategy !== undefined && (typeof strategy !== 'object' || strategy === null || typeof (strategy as { transcribe?: unknown }).transcribe !== 'function')) {
    fail(
      'strategy',
      `${JSON.stringify(strategy)} is not a long-form strategy object`,
      typeof strategy === 'string'
        ? `pass a strategy object, e.g. createChunkedOverlapStrategy({ windowSec: 30 }) or sequentialStrategy, not the name '${strategy}' (the bench takes strategy names: strategy: chunked)`
        : 'pass sequentialStrategy or createChunkedOverlapStrategy(...)',
    );
  }
  return Object.freeze({
    longForm: Object.freeze(longForm),
    strategy: options.strategy,
    onProgress: options.onProgress,
    onSegment: options.onSegment,
    onLanguage: options.onLanguage,
    signal: options.signal,
    onDecoderStep: options.onDecoderStep,
    captureLogits: options.captureLogits ?? null,
  });
}
