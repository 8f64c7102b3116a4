/**
 * Error rates from alignment counts, with jiwer 4.0 formulas (Morris et al. 2004: WER, MER, WIL, WIP) and
 * jiwer's empty-reference conventions. Corpus figures pool counts over utterances ("total errors / total
 * reference words"), never average per-utterance rates.
 */
import type { EditCounts } from './levenshtein.js';

/** Counts of one or more aligned pairs, with the token totals the rates need. */
export interface AlignmentTotals extends EditCounts {
  /** Reference tokens (= hits + substitutions + deletions). */
  readonly referenceLength: number;
  /** Hypothesis tokens (= hits + substitutions + insertions). */
  readonly hypothesisLength: number;
}

/** Word-level measures (fractions, not percentages). */
export interface WordMeasures extends AlignmentTotals {
  /** (S + D + I) / N_ref. With N_ref = 0 (jiwer): the number of insertions, a count. */
  readonly wer: number;
  /** Match error rate (S + D + I) / (H + S + D + I); 0 when both sides are empty, 1 when only the reference is. */
  readonly mer: number;
  /** Word information lost, 1 - WIP. */
  readonly wil: number;
  /** Word information preserved (H / N_ref) * (H / N_hyp); 0 when the hypothesis is empty, 1 when both are. */
  readonly wip: number;
}

/** Character-level measures (jiwer `cer`: the WER formula over code points, spaces included). */
export interface CharMeasures extends AlignmentTotals {
  /** (S + D + I) / N_ref chars; with N_ref = 0, the number of inserted characters. */
  readonly cer: number;
}

/** Totals of one pair from its counts. */
export function totalsOf(counts: EditCounts): AlignmentTotals {
  return {
    ...counts,
    referenceLength: counts.hits + counts.substitutions + counts.deletions,
    hypothesisLength: counts.hits + counts.substitutions + counts.insertions,
  };
}

/** Sum of counts over utterances. */
export function poolTotals(items: Iterable<AlignmentTotals>): AlignmentTotals {
  let hits = 0;
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  for (const c of items) {
    hits += c.hits;
    substitutions += c.substitutions;
    deletions += c.deletions;
    insertions += c.insertions;
  }
  return totalsOf({ hits, substitutions, deletions, insertions });
}

/** WER/MER/WIL/WIP from (pooled) counts, exactly as jiwer's `process_words`. */
export function wordMeasures(t: AlignmentTotals): WordMeasures {
  const errors = t.substitutions + t.deletions + t.insertions;
  let wer: number;
  let mer: number;
  let wip: number;
  if (t.referenceLength === 0) {
    wer = t.insertions;
    mer = t.hypothesisLength === 0 ? 0 : 1;
    wip = t.hypothesisLength === 0 ? 1 : 0;
  } else {
    wer = errors / (t.hits + t.substitutions + t.deletions);
    mer = errors / (t.hits + t.substitutions + t.deletions + t.insertions);
    wip = t.hypothesisLength >= 1 ? (t.hits / t.referenceLength) * (t.hits / t.hypothesisLength) : 0;
  }
  return { ...t, wer, mer, wil: 1 - wip, wip };
}

/** CER from (pooled) character counts, as jiwer's `process_characters`. */
export function charMeasures(t: AlignmentTotals): CharMeasures {
  return { ...t, cer: wordMeasures(t).wer };
}
