/**
 * Joining two windows that carry no decoded word times (the prototype's NPU pipeline decoded without timestamps).
 * Estimated times (constant speaking rate) are too coarse to pair the two copies of a long overlap, so the overlap
 * is found from the words alone: a local alignment (Smith-Waterman) of the transcript's tail with the new window's
 * head that must end near the tail's end and start near the head's start (an echo may begin at word 2-5 of the new
 * window: the first words are warm-up junk or a cut word). The aligned stretch is cut at its midpoint, as the `lcs`
 * merge does, but over a real alignment (substitutions and gaps allowed), so a short exact echo cannot win over the
 * long true overlap. Returns undefined when no such overlap exists; the caller then falls back to estimated times.
 */
import { isFragmentOf } from './align.js';
import type { DroppedWord, MergedWord } from './types.js';
import { wordKey } from './words.js';

/** Settings of the text-only join. */
export interface TextJoinOptions {
  /** Most words of the transcript's tail and of the new window's head that are aligned. */
  readonly spanWords: number;
  /**
   * The span is also limited to `overlapSpanFactor` x the words expected in the overlap (overlap seconds x the
   * previous window's words per second) + `overlapSpanSlack`, so a chance match far outside the overlap (periodic
   * text, a phrase said twice) cannot be taken for it.
   */
  readonly overlapSpanFactor: number;
  readonly overlapSpanSlack: number;
  /** Words at the new window's start that may precede the aligned stretch (warm-up junk, a cut word, an echo). */
  readonly maxLeadWords: number;
  /** Words at the transcript's end that may follow the aligned stretch (a cut or half-heard last word). */
  readonly maxTrailWords: number;
  /** Fewest equal words an overlap needs. */
  readonly minMatches: number;
  /** Fewest equal words per aligned column. */
  readonly minMatchFraction: number;
}

export const DEFAULT_TEXT_JOIN: TextJoinOptions = { spanWords: 160, overlapSpanFactor: 3, overlapSpanSlack: 12, maxLeadWords: 8, maxTrailWords: 4, minMatches: 5, minMatchFraction: 0.5 };

// Mismatches and gaps cost as much as a match earns, so in periodic text ("it was the best of times, it was the
// worst of times") a diagonal shifted by one period cannot outscore the true overlap by running longer.
const MATCH = 2;
const FRAGMENT = 0.5;
const MISMATCH = -2;
const GAP = -2;
/** Per word of the new window skipped before the stretch: prefers the overlap that starts earliest. */
const LEAD = -0.25;
const NONE = Number.NEGATIVE_INFINITY;

interface Column {
  readonly a?: number;
  readonly b?: number;
}

function pairScore(x: string, y: string): number {
  if (x === y) return MATCH;
  return isFragmentOf(x, y) ? FRAGMENT : MISMATCH;
}

/**
 * Local alignment of `a` (tail) and `b` (head) that starts in `b` at index <= maxLead and ends in `a` at index
 * >= a.length - maxTrail. Returns the columns of the best such alignment, or undefined.
 */
export function alignOverlap(a: readonly string[], b: readonly string[], maxLead: number, maxTrail: number): Column[] | undefined {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const score = new Float64Array((n + 1) * w).fill(NONE);
  // An alignment may start at any tail position and at head positions <= maxLead (after j skipped head words).
  const startAt = (j: number): number => (j <= maxLead ? LEAD * j : NONE);
  for (let i = 0; i <= n; i++) for (let j = 0; j <= Math.min(m, maxLead); j++) score[i * w + j] = startAt(j);
  let best = NONE;
  let bi = -1;
  let bj = -1;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diag = (score[(i - 1) * w + j - 1] as number) + pairScore(a[i - 1] as string, b[j - 1] as string);
      const up = (score[(i - 1) * w + j] as number) + GAP;
      const left = (score[i * w + j - 1] as number) + GAP;
      const here = Math.max(score[i * w + j] as number, diag, up, left);
      score[i * w + j] = here;
      // Tail words left after the stretch count as gaps.
      if (i >= n - maxTrail && here + GAP * (n - i) > best) {
        best = here + GAP * (n - i);
        bi = i;
        bj = j;
      }
    }
  }
  if (bi < 0 || best <= 0) return undefined;
  const cols: Column[] = [];
  let i = bi;
  let j = bj;
  const eps = 1e-9;
  while (i > 0 && j > 0) {
    const here = score[i * w + j] as number;
    if (Math.abs((score[(i - 1) * w + j - 1] as number) + pairScore(a[i - 1] as string, b[j - 1] as string) - here) < eps) {
      cols.push({ a: i - 1, b: j - 1 });
      i--;
      j--;
    } else if (Math.abs((score[(i - 1) * w + j] as number) + GAP - here) < eps) {
      cols.push({ a: i - 1 });
      i--;
    } else if (Math.abs((score[i * w + j - 1] as number) + GAP - here) < eps) {
      cols.push({ b: j - 1 });
      j--;
    } else {
      break; // the alignment starts here
    }
  }
  cols.reverse();
  // Trim gap or mismatch columns at the ends: the stretch starts and ends with equal words.
  const eq = (c: Column): boolean => c.a !== undefined && c.b !== undefined && a[c.a] === b[c.b];
  while (cols.length > 0 && !eq(cols[0] as Column)) cols.shift();
  while (cols.length > 0 && !eq(cols[cols.length - 1] as Column)) cols.pop();
  return cols.length > 0 ? cols : undefined;
}

export interface TextJoinResult {
  readonly words: MergedWord[];
  readonly dropped: DroppedWord[];
}

function dropOf(w: MergedWord, reason: DroppedWord['reason']): DroppedWord {
  return { windowIndex: w.windowIndex, wordIndex: w.wordIndex, text: w.text, reason };
}

/**
 * Joins `next` onto `acc` by their text overlap, or returns undefined when the two share no overlap that meets
 * `minMatches` / `minMatchFraction`.
 */
export function joinByText(
  acc: readonly MergedWord[],
  next: readonly MergedWord[],
  expectedOverlapWords: number,
  o: TextJoinOptions = DEFAULT_TEXT_JOIN,
): TextJoinResult | undefined {
  // Windows that share no audio cannot share a passage; an echo there is the head cleaner's and cleanup's job.
  if (!(expectedOverlapWords > 0)) return undefined;
  const span = Math.min(o.spanWords, Math.ceil(o.overlapSpanFactor * expectedOverlapWords + o.overlapSpanSlack));
  const i0 = Math.max(0, acc.length - span);
  const tail = acc.slice(i0);
  const head = next.slice(0, span + o.maxLeadWords);
  const cols = alignOverlap(tail.map((w) => wordKey(w.text)), head.map((w) => wordKey(w.text)), o.maxLeadWords, o.maxTrailWords);
  if (cols === undefined) return undefined;
  const matches = cols.filter((c) => c.a !== undefined && c.b !== undefined && wordKey((tail[c.a] as MergedWord).text) === wordKey((head[c.b] as MergedWord).text)).length;
  if (matches < o.minMatches || matches < o.minMatchFraction * cols.length) return undefined;
  const first = cols[0] as Column;
  const last = cols[cols.length - 1] as Column;
  const aStart = first.a ?? 0;
  const aEnd = (last.a ?? 0) + 1;
  const bStart = first.b ?? 0;
  const bEnd = (last.b ?? 0) + 1;
  const dropped: DroppedWord[] = [];
  const kept: MergedWord[] = [...acc.slice(0, i0), ...tail.slice(0, aStart)];
  // Head words before the stretch: audio the previous window heard in full (echo start, warm-up junk, cut word).
  dropped.push(...head.slice(0, bStart).map((w) => dropOf(w, 'echo')));
  const mid = Math.floor(cols.length / 2);
  cols.forEach((c, k) => {
    const x = c.a === undefined ? undefined : tail[c.a];
    const y = c.b === undefined ? undefined : head[c.b];
    const leftSide = k < mid;
    if (x !== undefined && y !== undefined) {
      const same = wordKey(x.text) === wordKey(y.text);
      // The copy farther from its window's cut edge (equal or not: a word's neighbours decide it, not its score).
      const keepX = leftSide;
      kept.push(keepX ? x : y);
      dropped.push(dropOf(keepX ? y : x, same ? 'duplicate' : 'less-trusted'));
    } else if (x !== undefined) {
      if (leftSide) kept.push(x);
      else dropped.push(dropOf(x, 'less-trusted'));
    } else if (y !== undefined) {
      if (!leftSide) kept.push(y);
      else dropped.push(dropOf(y, 'less-trusted'));
    }
  });
  // Tail words after the stretch: the end of the previous window, heard again (and in context) by the new one.
  dropped.push(...tail.slice(aEnd).map((w) => dropOf(w, 'less-trusted')));
  kept.push(...head.slice(bEnd), ...next.slice(head.length));
  return { words: kept, dropped };
}
