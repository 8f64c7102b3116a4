/** Options and audit records of the repetition cleanup. */

/** Why a span was removed. */
export type RemovalKind =
  | 'loop' // copies of a phrase with no new audio between them, or more copies than the audio time allows
  | 'runaway' // many copies of a short phrase (the decoder looping until the window ends)
  | 'echo' // a short phrase immediately repeated (untimed text only)
  | 'passage'; // a long passage repeated right after itself (a join that was not trimmed)

/** One removal, reported so a user can audit what the cleanup did. */
export interface Removal {
  readonly kind: RemovalKind;
  /** Indices of the removed words in the words given to the cleanup. */
  readonly wordIndices: readonly number[];
  /** The removed words joined with spaces. */
  readonly removedText: string;
  /** The phrase that repeats (one copy). */
  readonly phrase: string;
  /** How many copies the run had before the removal. */
  readonly copies: number;
  readonly startSec?: number;
  readonly endSec?: number;
  /** Human-readable decision ("2 copies of 3 words advance 0.04 s < 0.24 s"). */
  readonly reason: string;
  /** gzip-style compression ratio of the repeated span (Whisper's gate is 2.4). */
  readonly compressionRatio: number;
  /** Mean confidence of the removed words, when known. */
  readonly meanConfidence?: number;
}

/** Settings of the cleanup; every field has a default (see `DEFAULT_CLEANUP`). */
export interface CleanupOptions {
  /** Off turns the cleanup into the identity (default on). */
  readonly enabled?: boolean;
  /** Use word times when every word has them (default true). */
  readonly useTiming?: boolean;
  /** Longest phrase, in words, checked for exact immediate repeats. */
  readonly maxPhraseWords?: number;
  /** A real repeat advances the audio by at least this many seconds per word. */
  readonly minSecPerWord?: number;
  /** A copy starting less than this fraction of the previous copy's duration after it re-uses the same audio. */
  readonly minAdvanceFraction?: number;
  /** A multi-word copy sharing more than this fraction of its time span with the previous copy re-uses its audio. */
  readonly maxSharedFraction?: number;
  /** In a run that shows a loop, copies below this mean confidence are removed too. */
  readonly suspectConfidence?: number;
  /** Copies with mean confidence below this are suspicious when the span is also compressible. */
  readonly lowConfidence?: number;
  /** Compression ratio above which a repeated span counts as compressible (Whisper uses 2.4). */
  readonly compressionRatioThreshold?: number;
  /** Untimed: a run of this many copies or more is a runaway loop. */
  readonly runawayMinCopies?: number;
  /** Untimed: an immediate repeat of a 2..this-word phrase, with no punctuation between copies, is an echo. */
  readonly shortEchoMaxWords?: number;
  /** A passage at least this long repeated right after itself is a join duplicate. */
  readonly passageMinWords?: number;
  /** Longest passage, in words, checked by the approximate passage detector. */
  readonly passageMaxWords?: number;
  /** Word-level similarity (1 - edits / length) two passage copies need. */
  readonly passageMinSimilarity?: number;
  /**
   * Untimed: copies a speaker plausibly says of a phrase of more than `shortEchoMaxWords` words ("I'll work with
   * the prompt I'll work with the prompt"); a run with more copies is cut down to this many (default 2).
   */
  readonly maxSpokenCopies?: number;
  /**
   * Untimed: seconds of audio the words came from (the window or file length), when known. Then a run keeps at
   * most the copies that fit in that audio at `maxWordsPerSec` beside the other words (default: unknown).
   */
  readonly audioSec?: number | null;
  /** Untimed: the fastest normal speaking rate, words per second, used with `audioSec` (default 4). */
  readonly maxWordsPerSec?: number;
}

export type ResolvedCleanupOptions = Required<CleanupOptions>;

/** Default cleanup settings. */
export const DEFAULT_CLEANUP: ResolvedCleanupOptions = {
  enabled: true,
  useTiming: true,
  maxPhraseWords: 40,
  minSecPerWord: 0.08,
  minAdvanceFraction: 0.5,
  maxSharedFraction: 0.6,
  suspectConfidence: 0.5,
  lowConfidence: 0.35,
  compressionRatioThreshold: 2.4,
  runawayMinCopies: 5,
  shortEchoMaxWords: 4,
  passageMinWords: 8,
  passageMaxWords: 80,
  passageMinSimilarity: 0.8,
  maxSpokenCopies: 2,
  audioSec: null,
  maxWordsPerSec: 4,
};
