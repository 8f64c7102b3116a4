/** Builders for stitching tests: timed words at a steady rate, and windows cut from them. */
import type { StitchWord, WindowTranscript } from '../types.js';

/** Words of `text` at `secPerWord` from `startSec`, each lasting 80% of its slot, confidence `confidence`. */
export function timedWords(text: string, startSec = 0, secPerWord = 0.4, confidence = 0.9): StitchWord[] {
  return text
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t, i) => ({ text: t, startSec: startSec + i * secPerWord, endSec: startSec + i * secPerWord + 0.8 * secPerWord, confidence }));
}

/** The words of `all` whose centre lies in `[startSec, endSec)`, as a window. */
export function cutWindow(all: readonly StitchWord[], startSec: number, endSec: number): WindowTranscript {
  const words = all.filter((w) => {
    const c = ((w.startSec ?? 0) + (w.endSec ?? 0)) / 2;
    return c >= startSec && c < endSec;
  });
  return { startSec, endSec, words };
}
