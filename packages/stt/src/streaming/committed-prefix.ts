/**
 * Which leading words of a new hypothesis repeat words already committed. The buffer still holds the audio of
 * the words committed since its last trim, so every hypothesis starts by hearing them again, possibly worded a
 * little differently and with shifted times. whisper_streaming drops words by time and then matches up to five
 * words of n-grams; here the whole committed-in-buffer list is aligned instead: the hypothesis prefix with the
 * smallest word edit distance to it is the repeat (ties: the shortest, as nothing in the text says the longer one
 * repeats), then leading words that end before the last commit are dropped by time. A genuinely repeated word
 * ("the the") is kept, because dropping it would raise the distance.
 */
import { wordKey } from '../stitching/index.js';
import type { StreamWord } from './types.js';

/**
 * Number of leading words of `hypothesis` that re-hear `committed` (the committed words still inside the buffer),
 * plus any further leading words that end no later than `lastCommittedEndSec` (they cannot be new).
 */
export function committedPrefixLength(
  hypothesis: readonly StreamWord[],
  committed: readonly StreamWord[],
  lastCommittedEndSec: number,
): number {
  let k = 0;
  if (committed.length > 0 && hypothesis.length > 0) {
    const a = committed.map((w) => wordKey(w.text));
    const b = hypothesis.map((w) => wordKey(w.text));
    // prev[j] = edit distance between a[0..i) and b[0..j); after the loop, between all of a and each prefix of b.
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
        row.push(Math.min(sub, (prev[j] as number) + 1, (row[j - 1] as number) + 1));
      }
      prev = row;
    }
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j <= b.length; j++) {
      const d = prev[j] as number;
      if (d < best) {
        best = d;
        k = j;
      }
    }
  }
  while (k < hypothesis.length && (hypothesis[k] as StreamWord).endSec <= lastCommittedEndSec) k++;
  return k;
}
