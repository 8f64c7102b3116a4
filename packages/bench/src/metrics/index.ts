/** Transcript metrics: jiwer-exact WER/MER/WIL/WIP/CER, alignment views, corpus pooling. */
export { compare, compareWith, resolveNormalizer, DEFAULT_NORMALIZER } from './compare.js';
export type { CompareOptions, ComparisonRecord, WordAlignment } from './compare.js';
export { compareCorpus, poolRecords, renderCorpusAlignment } from './corpus.js';
export type { CorpusPair, CorpusOptions, CorpusComparison, UtteranceRecord } from './corpus.js';
export { metricColumns, METRIC_COLUMNS, type MetricColumn, type MetricCell } from './columns.js';
export { renderAlignment, type AlignedSentence, type AlignmentViewOptions } from './alignment-view.js';
export { alignChunks, editCounts, editDistance } from './hirschberg.js';
export type { AlignmentChunk, EditCounts } from './levenshtein.js';
export { wordMeasures, charMeasures, poolTotals, totalsOf } from './measures.js';
export type { AlignmentTotals, WordMeasures, CharMeasures } from './measures.js';
export { similarityRatio } from './similarity.js';
export { wordTokens, charTokens, toIds } from './tokenize.js';
export { repetitionStats, type RepetitionStats } from './repetition.js';
export { wer, mer, wil, wip, cer, processWords, type TextOrSentences, type JiwerOptions } from './jiwer.js';
