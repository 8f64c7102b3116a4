/** Finding immediate repeats: the same phrase (by word key) several times in a row. */

/**
 * `copies` consecutive copies of the `phraseWords`-word phrase starting at word `start`, followed by
 * `partialWords` (< phraseWords) words that repeat the phrase's beginning (a loop often stops mid-phrase).
 */
export interface RepeatRun {
  readonly start: number;
  readonly phraseWords: number;
  readonly copies: number;
  readonly partialWords: number;
}

function copiesAt(keys: readonly string[], start: number, n: number): number {
  let copies = 1;
  for (;;) {
    const next = start + copies * n;
    if (next + n > keys.length) return copies;
    for (let k = 0; k < n; k++) if (keys[next + k] !== keys[start + k]) return copies;
    copies++;
  }
}

/**
 * The longest run of immediate repeats starting at `start` (most words covered; on a tie the shortest phrase,
 * so "duck duck duck duck" is 4 copies of "duck", not 2 of "duck duck"), or undefined when none.
 */
export function repeatRunAt(keys: readonly string[], start: number, maxPhraseWords: number, minPhraseWords = 1): RepeatRun | undefined {
  let best: RepeatRun | undefined;
  const maxN = Math.min(maxPhraseWords, Math.floor((keys.length - start) / 2));
  for (let n = minPhraseWords; n <= maxN; n++) {
    const copies = copiesAt(keys, start, n);
    if (copies < 2) continue;
    if (best === undefined || n * copies > best.phraseWords * best.copies) best = { start, phraseWords: n, copies, partialWords: 0 };
  }
  if (best === undefined) return undefined;
  const after = start + best.phraseWords * best.copies;
  let partialWords = 0;
  while (partialWords < best.phraseWords - 1 && keys[after + partialWords] !== undefined && keys[after + partialWords] === keys[start + partialWords]) partialWords++;
  return { ...best, partialWords };
}
