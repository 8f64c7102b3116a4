/** Stitching: merging overlapping window transcripts and cleaning decoder repetition. Pure functions, no model. */
export type { StitchWord, WindowTranscript, MergedWord, DropReason, DroppedWord, JoinReport, MergeResult, MergeOptions, MergeAlgorithm } from './types.js';
export { createTimedMerge, DEFAULT_TIMED_MERGE, type TimedMergeOptions } from './timed-merge.js';
export { createLcsMerge } from './lcs-merge.js';
export { createLegacyMerge, PROTOTYPE_LEGACY, RECOMMENDED_LEGACY, type LegacyMergeOptions } from './legacy/legacy-merge.js';
export { getMergeAlgorithm, MERGE_ALGORITHM_NAMES, type MergeAlgorithmName } from './registry.js';
export { cleanupRepetitions, cleanupText, DEFAULT_CLEANUP, type CleanupOptions, type CleanupResult, type Removal, type RemovalKind } from './cleanup/index.js';
export { wordsFromTokens, joinWords, wordKey } from './words.js';
