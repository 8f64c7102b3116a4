/** The chunked-overlap long-form strategy: overlapping windows, batched decoding, merge, cleanup. */
export {
  transcribeChunkedOverlap,
  planWindows,
  lastTokens,
  DEFAULT_CHUNKED_OVERLAP,
  type ChunkedOverlapOptions,
  type ChunkedOverlapResult,
  type StitchReport,
  type WindowSpec,
  type WindowDecoder,
} from './chunked-overlap.js';
export { createChunkedOverlapStrategy, type ChunkedOverlapStrategyOptions } from './strategy.js';
export { windowWords, type WindowWords } from './window-words.js';
