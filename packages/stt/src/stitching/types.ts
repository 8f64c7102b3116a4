/**
 * Value types of the stitching stage: the words of overlapping windows go in, one merged word list comes out.
 * Times are absolute seconds from the start of the audio (`startSec`, `endSec`), never window-relative.
 */

/** One word of a window's output. `text` has no surrounding whitespace; punctuation stays attached ("text."). */
export interface StitchWord {
  readonly text: string;
  /** Absolute start time in seconds, when the decoder produced timing. */
  readonly startSec?: number;
  /** Absolute end time in seconds, when known. */
  readonly endSec?: number;
  /** Confidence in [0, 1] (for example the minimum token confidence of the word). */
  readonly confidence?: number;
  /** Vocabulary ids of the word's tokens, when known (used by token-level merges). */
  readonly tokenIds?: readonly number[];
}

/** The decoded output of one audio window. */
export interface WindowTranscript {
  /** Audio start of the window in seconds. */
  readonly startSec: number;
  /** Audio end of the window in seconds (`startSec + windowSec`, or the audio end for the last window). */
  readonly endSec: number;
  /** The window's words in spoken order, with absolute times when known. */
  readonly words: readonly StitchWord[];
}

/** A word of a merged transcript, with the window and position it was taken from. */
export interface MergedWord extends StitchWord {
  /** Index of the source window in the `windows` array given to `merge`. */
  readonly windowIndex: number;
  /** Index of the word in that window's `words`. */
  readonly wordIndex: number;
}

/** Why a merge dropped a word of a window. */
export type DropReason =
  | 'duplicate' // the other window's copy of the same word was kept
  | 'less-trusted' // the windows disagree; the other copy is farther from its window edge or more confident
  | 'outside-cut' // cut away by a fixed cut point (lcs midpoint, legacy trims)
  | 'echo' // the window start repeats the previous window's last words, squeezed into little audio
  | 'warm-up-stutter' // a repeat at the window start that re-uses the same audio
  | 'special-token' // a special token's text (`<|endoftext|>`) that leaked into the words
  | 'legacy-heuristic'; // removed by one of the prototype's heuristics

/** One word a merge did not keep, for auditing a join. */
export interface DroppedWord {
  readonly windowIndex: number;
  readonly wordIndex: number;
  readonly text: string;
  readonly reason: DropReason;
  readonly startSec?: number;
}

/** What happened at the join between window `leftIndex` and window `leftIndex + 1`. */
export interface JoinReport {
  readonly leftIndex: number;
  /** Overlap of the two windows' audio in seconds (`[start, end]`, empty when `end <= start`). */
  readonly overlapStartSec: number;
  readonly overlapEndSec: number;
  readonly dropped: readonly DroppedWord[];
}

/** The result of merging windows. */
export interface MergeResult {
  readonly words: readonly MergedWord[];
  /** `words` joined with single spaces. */
  readonly text: string;
  /** One report per join, in order. */
  readonly joins: readonly JoinReport[];
  /** Whether word times came from the windows (`decoded`) or were estimated from word positions (`estimated`). */
  readonly timing: 'decoded' | 'estimated' | 'none';
}

/** Options every merge algorithm accepts. */
export interface MergeOptions {
  /** Use the windows' word times (default true). With false, times are ignored as if the model had no timestamps. */
  readonly useTiming?: boolean;
}

/**
 * A way of joining overlapping windows into one transcript. Algorithm-specific settings are bound when the
 * algorithm is created (`createTimedMerge({ ... })`), so the bench can compare algorithms through this interface.
 * @example
 * const result = createTimedMerge().merge(windows);
 * console.log(result.text, result.joins);
 */
export interface MergeAlgorithm {
  readonly name: string;
  merge(windows: readonly WindowTranscript[], options?: MergeOptions): MergeResult;
}
