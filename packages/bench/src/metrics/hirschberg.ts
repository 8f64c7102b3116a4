/**
 * rapidfuzz's `levenshtein_align_hirschberg` decision structure, so long pairs take the same path as jiwer:
 * remove the common affix; if the remaining matrix is small (or either side short) align directly;
 * otherwise split the hypothesis at its middle, split the reference at the first position minimising
 * left + right distance, and recurse on both halves (each bounded by its own distance).
 */
import {
  commonAffix, directSteps, forward, lastColumn, OP_DEL, OP_HIT, OP_INS,
  type AlignmentChunk, type EditCounts,
} from './levenshtein.js';

/** rapidfuzz aligns directly when the band matrix is under 1 MiB of bits, or either side is short. */
const DIRECT_MATRIX_BYTES = 1024 * 1024;
const DIRECT_MIN_REF = 65;
const DIRECT_MIN_HYP = 10;

/** Where the steps or counts of each solved piece go. */
interface Sink {
  hits(n: number): void;
  direct(a: Int32Array, b: Int32Array): void;
}

function isDirect(a: Int32Array, b: Int32Array, max: number): boolean {
  const band = Math.min(a.length, 2 * max + 1);
  return Math.floor((2 * band * b.length) / 8) < DIRECT_MATRIX_BYTES || a.length < DIRECT_MIN_REF || b.length < DIRECT_MIN_HYP;
}

function reversed(x: Int32Array): Int32Array {
  return x.slice().reverse();
}

/** Split point: hypothesis middle, first reference position with minimal left + right distance. */
function split(a: Int32Array, b: Int32Array): { aMid: number; bMid: number; left: number; right: number } {
  const bMid = Math.floor(b.length / 2);
  const left = lastColumn(a, b.subarray(0, bMid));
  const right = lastColumn(reversed(a), reversed(b.subarray(bMid)));
  let best = Number.POSITIVE_INFINITY;
  let aMid = 0;
  for (let i = 0; i <= a.length; i += 1) {
    const total = (left[i] ?? 0) + (right[a.length - i] ?? 0);
    if (total < best) {
      best = total;
      aMid = i;
    }
  }
  return { aMid, bMid, left: left[aMid] ?? 0, right: right[a.length - aMid] ?? 0 };
}

function solve(ref: Int32Array, hyp: Int32Array, maxHint: number, sink: Sink): void {
  const { prefix, suffix } = commonAffix(ref, hyp);
  const a = ref.subarray(prefix, ref.length - suffix);
  const b = hyp.subarray(prefix, hyp.length - suffix);
  sink.hits(prefix);
  const max = Math.min(maxHint, Math.max(a.length, b.length));
  if (isDirect(a, b, max)) sink.direct(a, b);
  else {
    const s = split(a, b);
    solve(a.subarray(0, s.aMid), b.subarray(0, s.bMid), s.left, sink);
    solve(a.subarray(s.aMid), b.subarray(s.bMid), s.right, sink);
  }
  sink.hits(suffix);
}

/**
 * jiwer/rapidfuzz alignment counts of two token-id sequences, in O(n·m) time and O(n + m) memory.
 * @example editCounts(Int32Array.of(1, 2, 3), Int32Array.of(1, 3)) // { hits: 2, substitutions: 0, deletions: 1, insertions: 0 }
 */
export function editCounts(ref: Int32Array, hyp: Int32Array): EditCounts {
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  solve(ref, hyp, Number.MAX_SAFE_INTEGER, {
    hits: () => undefined,
    direct(a, b) {
      const c = forward(a, b);
      substitutions += c.substitutions;
      deletions += c.deletions;
      insertions += c.insertions;
    },
  });
  return { hits: ref.length - substitutions - deletions, substitutions, deletions, insertions };
}

/** Levenshtein distance (S + D + I) of two token-id sequences. */
export function editDistance(ref: Int32Array, hyp: Int32Array): number {
  const c = editCounts(ref, hyp);
  return c.substitutions + c.deletions + c.insertions;
}

const CHUNK_TYPES = ['equal', 'substitute', 'delete', 'insert'] as const;

/** Groups a step sequence into runs, as rapidfuzz's `opcodes`. */
function chunksOf(steps: readonly number[]): AlignmentChunk[] {
  const chunks: AlignmentChunk[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < steps.length; ) {
    const op = steps[k] ?? OP_HIT;
    let run = 0;
    while (k + run < steps.length && steps[k + run] === op) run += 1;
    const di = op === OP_INS ? 0 : run;
    const dj = op === OP_DEL ? 0 : run;
    chunks.push({ type: CHUNK_TYPES[op] ?? 'equal', refStart: i, refEnd: i + di, hypStart: j, hypEnd: j + dj });
    i += di;
    j += dj;
    k += run;
  }
  return chunks;
}

/**
 * The alignment as jiwer's chunk list (rapidfuzz `opcodes`): runs of equal, substitute, delete, insert.
 * Keeps one byte per matrix cell of each directly-aligned piece; use {@link editCounts} for counts only.
 */
export function alignChunks(ref: Int32Array, hyp: Int32Array): AlignmentChunk[] {
  const steps: number[] = [];
  solve(ref, hyp, Number.MAX_SAFE_INTEGER, {
    hits: (n) => {
      for (let k = 0; k < n; k += 1) steps.push(OP_HIT);
    },
    direct: (a, b) => {
      for (const op of directSteps(a, b)) steps.push(op);
    },
  });
  return chunksOf(steps);
}
