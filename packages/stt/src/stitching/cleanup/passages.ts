/**
 * Approximate passage repeats: a passage of `passageMinWords`+ words followed right away by a near copy of itself
 * (a chunk join that was not trimmed, often with a glued or changed word: "deal with allgo on you know ...").
 */
import type { ResolvedCleanupOptions } from './types.js';

/** Copy 1 is words `[start, secondStart)`, copy 2 is `[secondStart, secondEnd)`. */
export interface PassageRepeat {
  readonly start: number;
  readonly secondStart: number;
  readonly secondEnd: number;
  readonly similarity: number;
}

const ANCHOR_WORDS = 2;
const SLACK_WORDS = 3;

/** Edit distance of `a` against the best-matching prefix of `b`; returns [distance, prefix length]. */
function prefixEditDistance(a: readonly string[], b: readonly string[]): [number, number] {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  let best = Number.POSITIVE_INFINITY;
  let bestLen = 0;
  prev.forEach((d, j) => {
    if (d < best) {
      best = d;
      bestLen = j;
    }
  });
  return [best, bestLen];
}

/** The best approximate passage repeat starting at `start`, or undefined. */
export function passageRepeatAt(keys: readonly string[], start: number, opts: ResolvedCleanupOptions): PassageRepeat | undefined {
  let best: PassageRepeat | undefined;
  const maxLen = Math.min(opts.passageMaxWords, Math.floor((keys.length - start) / 2) + SLACK_WORDS);
  for (let len = opts.passageMinWords; len <= maxLen; len++) {
    const j = start + len;
    let anchored = j + ANCHOR_WORDS <= keys.length;
    for (let k = 0; anchored && k < ANCHOR_WORDS; k++) anchored = keys[j + k] === keys[start + k];
    if (!anchored) continue;
    const first = keys.slice(start, j);
    const [dist, used] = prefixEditDistance(first, keys.slice(j, j + len + SLACK_WORDS));
    const similarity = 1 - dist / len;
    if (similarity < opts.passageMinSimilarity || used < opts.passageMinWords) continue;
    if (best === undefined || len * similarity > (best.secondStart - best.start) * best.similarity) {
      best = { start, secondStart: j, secondEnd: j + used, similarity };
    }
  }
  return best;
}
