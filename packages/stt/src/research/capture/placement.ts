/**
 * Places captured decodes on the strategy's windows (window index, attempt, accepted) and marks each step's place
 * relative to the overlap with the neighbouring windows. Strategies decode windows in order and each window's
 * attempts in order, so the n-th decode is the n-th attempt of the concatenated `windows[].attempts`.
 */
import type { CapturedDecode } from './collector.js';
import { PLACE } from './collector.js';

/** What placement needs of a strategy's window record (`WindowRecord` has it). */
export interface WindowSpan {
  readonly timeOffsetSec: number;
  /** Mel frames of audio in the window (100 per second). */
  readonly segmentFrames: number;
  readonly attempts: readonly unknown[];
}

/** Seconds per timestamp token. */
const TIMESTAMP_SEC = 0.02;

/**
 * Sets `placement` and `places` of every decode. A step's time is that of the last timestamp token at or before it
 * (window start + index × 0.02 s); a step before any timestamp, or of a decode without timestamps, stays `unknown`.
 * Returns false (and changes nothing) when the decode count does not match the windows' attempts.
 */
export function placeDecodes(decodes: readonly CapturedDecode[], windows: readonly WindowSpan[], timestampBegin: number): boolean {
  const total = windows.reduce((n, w) => n + w.attempts.length, 0);
  if (total !== decodes.length) return false;
  const bounds = windows.map((w) => [w.timeOffsetSec, w.timeOffsetSec + w.segmentFrames / 100] as const);
  let d = 0;
  windows.forEach((w, wi) => {
    const [startSec, endSec] = bounds[wi] as readonly [number, number];
    const prevEnd = wi > 0 ? (bounds[wi - 1] as readonly [number, number])[1] : -Infinity;
    const nextStart = wi + 1 < bounds.length ? (bounds[wi + 1] as readonly [number, number])[0] : Infinity;
    for (let a = 0; a < w.attempts.length; a++, d++) {
      const decode = decodes[d] as CapturedDecode;
      decode.placement = { window: wi, attempt: a, accepted: a === w.attempts.length - 1, startSec, endSec };
      let time = Number.NaN;
      for (let i = 0; i < decode.steps; i++) {
        const token = decode.tokens[i] as number;
        if (token >= timestampBegin) time = startSec + (token - timestampBegin) * TIMESTAMP_SEC;
        decode.places[i] = Number.isNaN(time) ? PLACE.unknown : (time < prevEnd ? PLACE.prevOverlap : 0) | (time >= nextStart ? PLACE.nextOverlap : 0);
      }
    }
  });
  return true;
}
