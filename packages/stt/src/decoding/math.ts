/**
 * Numeric helpers over one row of logits (`[vocab]` float32). Sums run in float64; results that OpenAI keeps in
 * float32 tensors are rounded with `Math.fround` by the callers that need it.
 */

import { NEGLIGIBLE_GAP, RowScan } from './row-scan.js';
import type { Ranked, RowStats } from './row-scan.js';

export type { Ranked, RowStats } from './row-scan.js';

/** Index of the largest value; the first one on ties (as `torch.argmax` on CPU). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** `log(sum(exp(values[from..to))))`, stable; `-Infinity` when every value is `-Infinity`. */
export function logSumExp(values: ArrayLike<number>, from = 0, to = values.length): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (v > max) max = v;
  }
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const d = (values[i] as number) - max;
    if (d >= -NEGLIGIBLE_GAP) sum += Math.exp(d);
  }
  return max + Math.log(sum);
}

/** `log_softmax(logits)` as float32, computed as `x - logsumexp(x)`. */
export function logSoftmax(logits: Float32Array): Float32Array {
  const logZ = logSumExp(logits);
  const out = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = (logits[i] as number) - logZ;
  return out;
}

/** `softmax(logits)[index]` without materialising the whole distribution. */
export function softmaxAt(logits: ArrayLike<number>, index: number): number {
  return Math.exp((logits[index] as number) - logSumExp(logits));
}

/** Log-partition, entropy confidence, top-1/top-2 margin and argmax of `logits` (`[vocab]`, `-Infinity` allowed). */
export function rowStats(logits: Float32Array): RowStats {
  return new RowScan(0).add(logits).stats(logits.length);
}

/**
 * One pass over `logits`: the `k` largest (best first, lower index first on ties) and the row statistics
 * (online log-sum-exp; see `RowScan`).
 */
export function scanRow(logits: Float32Array, k: number): { readonly top: Ranked[]; readonly stats: RowStats } {
  const scan = new RowScan(k).add(logits);
  return { top: scan.top, stats: scan.stats(logits.length) };
}

/** Float32 log-probability of `token` (as `torch.log_softmax` in float32 would give it). */
export function tokenLogprob(logits: Float32Array, stats: RowStats, token: number): number {
  return Math.fround((logits[token] as number) - stats.logZ);
}
