/**
 * Global alignment (Needleman-Wunsch) of two short word sequences, used to pair the two copies of an overlap.
 * Costs: equal words 0, a word and its fragment ("st" / "stuttering") 0.4, other words 1 (a substitution), a gap 0.55.
 * With timing, equal words may pair only within `maxEchoShiftSec`, different words only within `maxSubShiftSec`
 * and only when their time spans overlap.
 */
import type { StitchWord } from './types.js';
import { centerSec, wordKey } from './words.js';

/** One column of an alignment: indices into the two inputs; a missing side is a gap. */
export interface AlignColumn {
  readonly a?: number;
  readonly b?: number;
}

export interface AlignOptions {
  /** Compare times too (both sequences must be timed). */
  readonly timed: boolean;
  /** Largest centre-time difference for two equal words to pair (echoes are squeezed near a window start). */
  readonly maxEchoShiftSec: number;
  /** Largest centre-time difference for two different words to pair as a substitution. */
  readonly maxSubShiftSec: number;
}

const GAP_COST = 0.55;
const FRAGMENT_COST = 0.4;
const SUB_COST = 1;
const MIN_FRAGMENT_CHARS = 2;

/** True when one key is a prefix or suffix of the other (a word cut at a window edge). */
export function isFragmentOf(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_FRAGMENT_CHARS && short !== long && (long.startsWith(short) || long.endsWith(short));
}

function pairCost(x: StitchWord, y: StitchWord, opts: AlignOptions): number {
  const kx = wordKey(x.text);
  const ky = wordKey(y.text);
  const shift = opts.timed ? Math.abs(centerSec(x) - centerSec(y)) : 0;
  if (kx === ky) return shift <= opts.maxEchoShiftSec ? 0 : Number.POSITIVE_INFINITY;
  if (shift > opts.maxSubShiftSec) return Number.POSITIVE_INFINITY;
  // Two different words can be two hearings of one spoken word only if their times overlap.
  if (opts.timed && ((x.startSec ?? 0) >= (y.endSec ?? 0) || (y.startSec ?? 0) >= (x.endSec ?? 0))) return Number.POSITIVE_INFINITY;
  return isFragmentOf(kx, ky) ? FRAGMENT_COST : SUB_COST;
}

/** Aligns `a` with `b`; columns come in order and cover every index of both exactly once. */
export function alignWords(a: readonly StitchWord[], b: readonly StitchWord[], opts: AlignOptions): AlignColumn[] {
  const n = a.length;
  const m = b.length;
  const cost = new Float64Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = 1; i <= n; i++) cost[at(i, 0)] = i * GAP_COST;
  for (let j = 1; j <= m; j++) cost[at(0, j)] = j * GAP_COST;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diag = (cost[at(i - 1, j - 1)] ?? 0) + pairCost(a[i - 1] as StitchWord, b[j - 1] as StitchWord, opts);
      const up = (cost[at(i - 1, j)] ?? 0) + GAP_COST;
      const left = (cost[at(i, j - 1)] ?? 0) + GAP_COST;
      cost[at(i, j)] = Math.min(diag, up, left);
    }
  }
  return traceBack(a, b, cost, opts);
}

function traceBack(a: readonly StitchWord[], b: readonly StitchWord[], cost: Float64Array, opts: AlignOptions): AlignColumn[] {
  const m = b.length;
  const at = (i: number, j: number): number => i * (m + 1) + j;
  const cols: AlignColumn[] = [];
  let i = a.length;
  let j = m;
  const eps = 1e-9;
  while (i > 0 || j > 0) {
    const here = cost[at(i, j)] ?? 0;
    if (i > 0 && j > 0) {
      const diag = (cost[at(i - 1, j - 1)] ?? 0) + pairCost(a[i - 1] as StitchWord, b[j - 1] as StitchWord, opts);
      if (Math.abs(diag - here) < eps) {
        cols.push({ a: i - 1, b: j - 1 });
        i--;
        j--;
        continue;
      }
    }
    // Prefer a b-gap while walking back, so that in a stretch of gaps the earlier window's words come first.
    if (j > 0 && Math.abs((cost[at(i, j - 1)] ?? 0) + GAP_COST - here) < eps) {
      cols.push({ b: j - 1 });
      j--;
    } else {
      cols.push({ a: i - 1 });
      i--;
    }
  }
  return cols.reverse();
}
