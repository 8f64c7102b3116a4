/**
 * Repetition diagnostics of a word sequence (bench requirements 1.3): immediately repeated words, repeated
 * word n-grams for n = 2..6, and the "3-gram at least twice" flag of the stitching clean-up
 * (stt requirements 10.3: n = 3, threshold = 2), which marks a chunk as probably malformed.
 */

/** Smallest and largest n-gram sizes counted. */
export const REPETITION_MIN_N = 2;
export const REPETITION_MAX_N = 6;
/** The malformed-chunk rule: some word 3-gram occurs at least twice. */
export const FLAG_NGRAM = 3;
export const FLAG_THRESHOLD = 2;

/** Repetition counts of one word sequence. */
export interface RepetitionStats {
  /** Positions where a word equals the word before it ("duck duck duck" -> 2). */
  readonly immediateRepeats: number;
  /** For n = 2..6 (index n - 2): occurrences of word n-grams beyond their first (sum of count - 1). */
  readonly repeatedNgrams: readonly number[];
  /** True when some word 3-gram occurs at least twice. */
  readonly repeatedTrigramFlag: boolean;
}

function ngramCounts(words: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i += 1) {
    const key = words.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Repetition diagnostics of a word list.
 * @example repetitionStats(['duck', 'duck', 'duck', 'duck']).immediateRepeats // 3
 */
export function repetitionStats(words: readonly string[]): RepetitionStats {
  let immediateRepeats = 0;
  for (let i = 1; i < words.length; i += 1) if (words[i] === words[i - 1]) immediateRepeats += 1;
  const repeatedNgrams: number[] = [];
  let repeatedTrigramFlag = false;
  for (let n = REPETITION_MIN_N; n <= REPETITION_MAX_N; n += 1) {
    let extra = 0;
    for (const c of ngramCounts(words, n).values()) {
      extra += c - 1;
      if (n === FLAG_NGRAM && c >= FLAG_THRESHOLD) repeatedTrigramFlag = true;
    }
    repeatedNgrams.push(extra);
  }
  return { immediateRepeats, repeatedNgrams, repeatedTrigramFlag };
}
