/** Reference words with synthetic timing, and the substitutions a recogniser makes. */
import { wordKey } from '@cephalon/stt';
import type { Rng } from './rng.js';

export interface RefWord {
  readonly index: number;
  readonly text: string;
  readonly key: string;
  readonly startSec: number;
  readonly endSec: number;
}

const BASE_WORD_SEC = 0.1;
const SEC_PER_LETTER = 0.05;
const MAX_WORD_SEC = 0.8;
const BREAK_PAUSE_SEC: readonly [number, number] = [0.25, 0.5];
const WORD_GAP_SEC: readonly [number, number] = [0.04, 0.14];
const CONFUSIONS = ['the', 'a', 'and', 'in', 'on', 'it', 'that', 'this', 'as', 'at', 'to', 'of', 'then', 'than', 'there'];

/** Spreads `text`'s words over time at a natural rate (about 2.5 words per second, longer pauses at punctuation). */
export function buildTimeline(text: string, rng: Rng): RefWord[] {
  let t = 0.3;
  return text
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w, index) => {
      const letters = wordKey(w).length;
      const dur = Math.min(MAX_WORD_SEC, BASE_WORD_SEC + SEC_PER_LETTER * letters);
      const word = { index, text: w, key: wordKey(w), startSec: t, endSec: t + dur };
      t += dur + rng.uniform(...WORD_GAP_SEC) + (/[,.;:?!]$/.test(w) ? rng.uniform(...BREAK_PAUSE_SEC) : 0);
      return word;
    });
}

/** A plausible mis-recognition of `text`: a confusable short word, or the word with its last letter changed. */
export function substitute(text: string, rng: Rng): string {
  const trail = /[,.;:?!]+$/.exec(text)?.[0] ?? '';
  const bare = text.slice(0, text.length - trail.length);
  if (bare.length <= 3 || rng.chance(0.4)) {
    const pick = CONFUSIONS[rng.int(0, CONFUSIONS.length - 1)] ?? 'the';
    return (pick === bare.toLowerCase() ? 'uh' : pick) + trail;
  }
  return bare.slice(0, -1) + (bare.endsWith('s') ? 'd' : 's') + trail;
}

/** Word indices that take part in an immediate repeat in the reference ("no no no", "we will, we will"). */
export function genuineRepeatIndices(words: readonly RefWord[], maxPhrase = 6): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= maxPhrase && i + 2 * n <= words.length; n++) {
      let same = true;
      for (let k = 0; k < n && same; k++) same = words[i + k]?.key === words[i + n + k]?.key;
      if (same) for (let k = 0; k < 2 * n; k++) out.add(i + k);
    }
  }
  return out;
}
