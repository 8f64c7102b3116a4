/**
 * Stray loop copies: a single low-confidence word that repeats one of the two words before it and sits inside a
 * neighbour's audio ("increased take(0.2) to" after "take increased"). Left when a merge kept one copy of a loop.
 * Timed words only.
 */
import type { StitchWord } from '../types.js';
import type { ResolvedCleanupOptions } from './types.js';

function sharesAudio(w: StitchWord, other: StitchWord | undefined): boolean {
  if (other === undefined) return false;
  const s = w.startSec ?? 0;
  const e = w.endSec ?? s;
  const shared = Math.min(e, other.endSec ?? 0) - Math.max(s, other.startSec ?? 0);
  return shared > 0.5 * Math.max(e - s, 1e-3) || Math.abs(s - (other.startSec ?? 0)) < 1e-6;
}

/** Index of the stray copy at `i` (or undefined), with a reason. */
export function strayCopyAt(words: readonly StitchWord[], keys: readonly string[], i: number, opts: ResolvedCleanupOptions): string | undefined {
  const w = words[i];
  if (w === undefined || (w.confidence ?? 1) >= opts.lowConfidence) return undefined;
  const repeats = (i >= 1 && keys[i - 1] === keys[i]) || (i >= 2 && keys[i - 2] === keys[i]);
  if (!repeats) return undefined;
  if (!sharesAudio(w, words[i - 1]) && !sharesAudio(w, words[i + 1])) return undefined;
  return `confidence ${(w.confidence ?? 0).toFixed(2)}, repeats a word just before it inside a neighbour's audio`;
}
