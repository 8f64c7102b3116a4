/** Long-form transcription strategies behind one interface, and the quality gates they share. */
export { sequentialStrategy } from './sequential.js';
export { reportLanguage } from './strategy.js';
export { clampSegment } from './clamp-segment.js';
export type {
  LongFormStrategy,
  LongFormInput,
  LongFormResult,
  LongFormHooks,
  LanguageEvent,
  ProgressEvent,
  TranscriptionContext,
  WindowRecord,
} from './strategy.js';
export type { LongFormOptions, QualityThresholds } from './long-form-options.js';
export { DEFAULT_THRESHOLDS, fallbackReasons, shouldSkipWindow, PROMPT_RESET_TEMPERATURE } from './quality-gates.js';
export { decodeWithFallback, strategyAt, windowOptionsFor } from './fallback.js';
export type { Attempt, FallbackOutcome } from './fallback.js';
export { splitWindow, framesToSec } from './window-segments.js';
export type { WindowSegment, WindowSplit } from './window-segments.js';
export { buildSegment } from './segment-builder.js';
export { seekClips, roundHalfEven } from './seek-clips.js';
