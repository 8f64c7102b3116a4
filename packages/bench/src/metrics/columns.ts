/**
 * Flat, stably ordered metric columns of a comparison, for CSV rows. New metrics are appended at the end
 * so old files keep their column order.
 */
import type { ComparisonRecord } from './compare.js';
import type { RepetitionStats } from './repetition.js';

/** A cell value: numbers, flags, names; null for a value that does not exist (an empty cell, not zero). */
export type MetricCell = string | number | boolean | null;

/** Column names, in order, of {@link metricColumns}. */
export const METRIC_COLUMNS = [
  'normalizer', 'normalizer_version',
  'wer', 'mer', 'wil', 'wip', 'cer',
  'hits', 'substitutions', 'deletions', 'insertions', 'reference_words', 'hypothesis_words',
  'sentence_error', 'silent_reference',
  'word_edit_distance', 'char_edit_distance', 'normalized_edit_distance', 'similarity_error', 'word_overlap',
  'raw_wer', 'raw_mer', 'raw_wil', 'raw_wip', 'raw_cer',
  'raw_hits', 'raw_substitutions', 'raw_deletions', 'raw_insertions',
  'repetition_immediate_hyp', 'repetition_ngram2_hyp', 'repetition_ngram3_hyp', 'repetition_ngram4_hyp',
  'repetition_ngram5_hyp', 'repetition_ngram6_hyp', 'repetition_trigram_twice_hyp',
  'repetition_immediate_ref', 'repetition_ngram2_ref', 'repetition_ngram3_ref', 'repetition_ngram4_ref',
  'repetition_ngram5_ref', 'repetition_ngram6_ref', 'repetition_trigram_twice_ref',
] as const;

export type MetricColumn = (typeof METRIC_COLUMNS)[number];

function repetitionCells(r: RepetitionStats, side: 'hyp' | 'ref'): Record<string, MetricCell> {
  const cells: Record<string, MetricCell> = { [`repetition_immediate_${side}`]: r.immediateRepeats };
  r.repeatedNgrams.forEach((count, k) => {
    cells[`repetition_ngram${k + 2}_${side}`] = count;
  });
  cells[`repetition_trigram_twice_${side}`] = r.repeatedTrigramFlag;
  return cells;
}

/**
 * The record as named cells (fractions, not percentages).
 * @example metricColumns(compare('a b', 'a c')).wer // 0.5
 */
export function metricColumns(r: ComparisonRecord): Record<MetricColumn, MetricCell> {
  const { words: w, raw } = r;
  const cells: Record<string, MetricCell> = {
    normalizer: r.normalizer.name,
    normalizer_version: r.normalizer.version,
    wer: w.wer, mer: w.mer, wil: w.wil, wip: w.wip, cer: r.chars.cer,
    hits: w.hits, substitutions: w.substitutions, deletions: w.deletions, insertions: w.insertions,
    reference_words: w.referenceLength, hypothesis_words: w.hypothesisLength,
    sentence_error: r.sentenceError, silent_reference: r.silentReference,
    word_edit_distance: r.wordEditDistance, char_edit_distance: r.charEditDistance,
    normalized_edit_distance: r.normalizedEditDistance, similarity_error: r.similarityError, word_overlap: r.wordOverlap,
    raw_wer: raw.words.wer, raw_mer: raw.words.mer, raw_wil: raw.words.wil, raw_wip: raw.words.wip, raw_cer: raw.chars.cer,
    raw_hits: raw.words.hits, raw_substitutions: raw.words.substitutions, raw_deletions: raw.words.deletions,
    raw_insertions: raw.words.insertions,
    ...repetitionCells(r.repetition.hypothesis, 'hyp'),
    ...repetitionCells(r.repetition.reference, 'ref'),
  };
  return Object.fromEntries(METRIC_COLUMNS.map((c) => [c, cells[c] ?? null])) as Record<MetricColumn, MetricCell>;
}
