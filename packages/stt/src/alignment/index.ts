/** `alignment/`: word timestamps from cross-attention + DTW, as OpenAI's whisper/timing.py computes them. */
export { createWordAligner, defaultAlignmentHeads } from './aligner.js';
export type { AlignmentDetail, AlignmentTokenizer, WordAligner, WordAlignerOptions } from './aligner.js';
export { addWordTimestamps } from './add-word-timestamps.js';
export type { AddWordTimestampsOptions, AlignedWord, TimedSegment } from './add-word-timestamps.js';
export { alignmentCost, MEDIAN_FILTER_WIDTH } from './cost-matrix.js';
export type { AlignmentCost, CostOptions } from './cost-matrix.js';
export { dtw } from './dtw.js';
export type { DtwPath, DtwResult } from './dtw.js';
export { medianFilterRows } from './median-filter.js';
export { pythonRound } from './python-round.js';
export {
  ALIGNMENT_FRAMES_PER_SECOND,
  DEFAULT_APPEND_PUNCTUATIONS,
  DEFAULT_PREPEND_PUNCTUATIONS,
  mergePunctuations,
  textTokenProbabilities,
  wordTimingsFromPath,
} from './word-timing.js';
export type { WordTiming, WordTokens } from './word-timing.js';
