/**
 * Python `difflib.SequenceMatcher(None, a, b).ratio()` over code points: 2·M / (|a| + |b|), M the total size
 * of the matching blocks found by recursive longest-match (with difflib's "autojunk": in a `b` of 200 or more
 * items, items occurring more than 1% + 1 times are not used to start a match).
 */

const AUTOJUNK_MIN_LENGTH = 200;

interface Block {
  readonly i: number;
  readonly j: number;
  readonly size: number;
}

/** Positions of each item of `b`, without the "popular" ones (autojunk). */
function indexB(b: readonly string[]): Map<string, number[]> {
  const b2j = new Map<string, number[]>();
  b.forEach((item, j) => {
    const list = b2j.get(item);
    if (list === undefined) b2j.set(item, [j]);
    else list.push(j);
  });
  if (b.length >= AUTOJUNK_MIN_LENGTH) {
    const limit = Math.floor(b.length / 100) + 1;
    for (const [item, list] of b2j) if (list.length > limit) b2j.delete(item);
  }
  return b2j;
}

function longestMatch(a: readonly string[], b: readonly string[], b2j: Map<string, number[]>, lo: Block, hi: Block): Block {
  let besti = lo.i;
  let bestj = lo.j;
  let bestSize = 0;
  let j2len = new Map<number, number>();
  for (let i = lo.i; i < hi.i; i += 1) {
    const next = new Map<number, number>();
    for (const j of b2j.get(a[i] ?? '') ?? []) {
      if (j < lo.j) continue;
      if (j >= hi.j) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestSize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestSize = k;
      }
    }
    j2len = next;
  }
  // extend over items left out of the index (popular ones); there is no user junk
  while (besti > lo.i && bestj > lo.j && a[besti - 1] === b[bestj - 1]) {
    besti -= 1;
    bestj -= 1;
    bestSize += 1;
  }
  while (besti + bestSize < hi.i && bestj + bestSize < hi.j && a[besti + bestSize] === b[bestj + bestSize]) bestSize += 1;
  return { i: besti, j: bestj, size: bestSize };
}

/** Total size of difflib's matching blocks. */
function matchingSize(a: readonly string[], b: readonly string[]): number {
  const b2j = indexB(b);
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  let total = 0;
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() ?? [0, 0, 0, 0];
    const m = longestMatch(a, b, b2j, { i: alo, j: blo, size: 0 }, { i: ahi, j: bhi, size: 0 });
    if (m.size === 0) continue;
    total += m.size;
    if (alo < m.i && blo < m.j) queue.push([alo, m.i, blo, m.j]);
    if (m.i + m.size < ahi && m.j + m.size < bhi) queue.push([m.i + m.size, ahi, m.j + m.size, bhi]);
  }
  return total;
}

/**
 * difflib's similarity ratio of two strings, in [0, 1] (1 when both are empty).
 * @example similarityRatio('abcd', 'bcde') // 0.75
 */
export function similarityRatio(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const total = ca.length + cb.length;
  return total === 0 ? 1 : (2 * matchingSize(ca, cb)) / total;
}
