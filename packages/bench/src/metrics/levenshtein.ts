/**
 * Levenshtein alignment with the tie-breaks of rapidfuzz's `Levenshtein.opcodes` (which jiwer 4 calls), so
 * that hits/substitutions/deletions/insertions match jiwer exactly, not only the total.
 *
 * rapidfuzz first removes the common prefix and suffix (all hits), then walks back from the end of the
 * DP matrix D (D[i][j] = distance of ref[:i] and hyp[:j]) preferring, at each cell:
 *   1. a deletion, when D[i][j] = D[i-1][j] + 1;
 *   2. else an insertion, when D[i][j-1] = D[i-1][j-1] - 1;
 *   3. else the diagonal (a hit or a substitution).
 * Each cell's choice depends only on cells above/left of it, so the counts along the chosen path can be
 * carried forward row by row: O(n·m) time and O(m) memory. The full path (for the alignment view) keeps
 * one byte per cell.
 *
 * For large pairs (both 65+ / 10+ tokens and about 4M cells or more after the affix) rapidfuzz splits the
 * problem Hirschberg-style; the split is replicated here (see `hirschberg.ts`) because it can change which
 * of several equal-cost paths is taken, and so the S/D/I split.
 */

/** Alignment counts of one reference/hypothesis pair. */
export interface EditCounts {
  readonly hits: number;
  readonly substitutions: number;
  readonly deletions: number;
  readonly insertions: number;
}

/** One run of the alignment, as jiwer's `AlignmentChunk` (end indices exclusive). */
export interface AlignmentChunk {
  readonly type: 'equal' | 'substitute' | 'delete' | 'insert';
  readonly refStart: number;
  readonly refEnd: number;
  readonly hypStart: number;
  readonly hypEnd: number;
}

/** Step codes of an alignment path. */
export const OP_HIT = 0;
export const OP_SUB = 1;
export const OP_DEL = 2;
export const OP_INS = 3;

export interface Span {
  readonly prefix: number;
  readonly suffix: number;
}

/** Lengths of the common prefix and (then) common suffix, as rapidfuzz's `remove_common_affix`. */
export function commonAffix(a: Int32Array, b: Int32Array): Span {
  let prefix = 0;
  const limit = Math.min(a.length, b.length);
  while (prefix < limit && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < limit - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  return { prefix, suffix };
}

/**
 * Forward pass over a pair without common affix. Returns the counts along the rapidfuzz path ending at
 * (n, m); when `ops` ([(n+1)·(m+1)] bytes) is given, also records each inner cell's chosen step.
 * Only substitutions are carried per cell: on the path, S + D + I = D[i][j] and D - I = i - j.
 */
export function forward(a: Int32Array, b: Int32Array, ops?: Uint8Array): Omit<EditCounts, 'hits'> {
  const m = b.length;
  let prevD = new Int32Array(m + 1);
  let curD = new Int32Array(m + 1);
  let prevS = new Int32Array(m + 1);
  let curS = new Int32Array(m + 1);
  for (let j = 0; j <= m; j += 1) prevD[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const ai = a[i - 1];
    let diag = i - 1;
    let diagS = 0;
    let left = i;
    let leftS = 0;
    curD[0] = i;
    curS[0] = 0;
    for (let j = 1; j <= m; j += 1) {
      const up = prevD[j] ?? 0;
      const upS = prevS[j] ?? 0;
      const cost = ai === b[j - 1] ? 0 : 1;
      let d = diag + cost;
      if (up + 1 < d) d = up + 1;
      if (left + 1 < d) d = left + 1;
      let op: number;
      let sub: number;
      if (d === up + 1) {
        op = OP_DEL;
        sub = upS;
      } else if (left === diag - 1) {
        op = OP_INS;
        sub = leftS;
      } else {
        op = cost === 0 ? OP_HIT : OP_SUB;
        sub = diagS + cost;
      }
      curD[j] = d;
      curS[j] = sub;
      if (ops !== undefined) ops[i * (m + 1) + j] = op;
      diag = up;
      diagS = upS;
      left = d;
      leftS = sub;
    }
    [prevD, curD] = [curD, prevD];
    [prevS, curS] = [curS, prevS];
  }
  const distance = prevD[m] ?? 0;
  const substitutions = prevS[m] ?? 0;
  const n = a.length;
  return {
    substitutions,
    deletions: (distance - substitutions + n - m) / 2,
    insertions: (distance - substitutions - n + m) / 2,
  };
}

/** The step sequence (one op per ref and/or hyp token) of a pair without common affix, walking back from (n, m). */
export function directSteps(a: Int32Array, b: Int32Array): number[] {
  const m = b.length;
  const ops = new Uint8Array((a.length + 1) * (m + 1));
  forward(a, b, ops);
  const steps: number[] = [];
  let i = a.length;
  let j = m;
  while (i > 0 && j > 0) {
    const op = ops[i * (m + 1) + j] ?? OP_HIT;
    steps.push(op);
    if (op !== OP_INS) i -= 1;
    if (op !== OP_DEL) j -= 1;
  }
  for (; i > 0; i -= 1) steps.push(OP_DEL);
  for (; j > 0; j -= 1) steps.push(OP_INS);
  return steps.reverse();
}

/**
 * D(a[:i], b) for every i = 0..|a| (the last column of the DP matrix), in O(|a|·|b|) time and O(|b|) memory.
 */
export function lastColumn(a: Int32Array, b: Int32Array): Int32Array {
  const m = b.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  const out = new Int32Array(a.length + 1);
  for (let j = 0; j <= m; j += 1) prev[j] = j;
  out[0] = m;
  for (let i = 1; i <= a.length; i += 1) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j += 1) {
      cur[j] = Math.min((prev[j - 1] ?? 0) + (ai === b[j - 1] ? 0 : 1), (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1);
    }
    out[i] = cur[m] ?? 0;
    [prev, cur] = [cur, prev];
  }
  return out;
}
