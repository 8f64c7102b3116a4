/** Targeted re-decoding of low-confidence spans (research-features.md §1.3). */
export { redecodeWindow, lowConfidenceSpans } from './redecode.js';
export type { RedecodeOptions, RedecodeResult, SpanReport, SpanCandidate, CandidateKind, LmScorer } from './redecode.js';
export { decodeFrom, scoreSequence } from './span-decode.js';
export type { SpanDecodeContext, SpanDecodeResult } from './span-decode.js';
