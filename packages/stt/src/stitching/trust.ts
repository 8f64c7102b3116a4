/**
 * How much a window's copy of a word can be trusted: words near a cut window edge were heard with little context
 * (or cut in half), so trust rises from `touchFactor` at the edge to 1 at `edgeRampSec` inside, times the confidence.
 */
import type { StitchWord, WindowTranscript } from './types.js';
import { centerSec } from './words.js';

export interface TrustOptions {
  /** Distance from a cut edge, in seconds, at which a word is fully trusted. */
  readonly edgeRampSec: number;
  /** A word whose start (or end) lies within this many seconds of a cut edge touches it: it may be partial. */
  readonly edgeTouchSec: number;
  /** Trust factor of a word touching a cut edge. */
  readonly touchFactor: number;
  /** Confidence assumed for a word without one. */
  readonly defaultConfidence: number;
}

/** Where a window sits: the first window's start and the last window's end are real audio bounds, not cuts. */
export interface WindowPlace {
  readonly window: WindowTranscript;
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
}

/** Edge factor in [touchFactor, 1] for a time `tSec`, or 0 when the window did not hear that time at all. */
export function coverage(place: WindowPlace, tSec: number, opts: TrustOptions): number {
  const { window } = place;
  if (tSec < window.startSec || tSec > window.endSec) return 0;
  const fromStart = place.cutStart ? tSec - window.startSec : Number.POSITIVE_INFINITY;
  const fromEnd = place.cutEnd ? window.endSec - tSec : Number.POSITIVE_INFINITY;
  const d = Math.min(fromStart, fromEnd);
  return Math.max(opts.touchFactor, Math.min(1, d / opts.edgeRampSec));
}

/** Trust of one timed word of `place`'s window: edge factor (touching words get `touchFactor`) times confidence. */
export function wordTrust(word: StitchWord, place: WindowPlace, opts: TrustOptions): number {
  const { window } = place;
  const start = word.startSec ?? window.startSec;
  const end = word.endSec ?? start;
  const touches =
    (place.cutStart && start - window.startSec < opts.edgeTouchSec) ||
    (place.cutEnd && window.endSec - end < opts.edgeTouchSec);
  const edge = touches ? opts.touchFactor : Math.max(opts.touchFactor, coverage(place, centerSec(word), opts));
  return edge * (word.confidence ?? opts.defaultConfidence);
}
