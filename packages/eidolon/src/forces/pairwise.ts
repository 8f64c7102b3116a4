/**
 * Agent-agent forces (spec A4.4) with Plummer softening, equal and opposite (momentum-conserving):
 * F_i += G q_i q_j (p_j - p_i) / (r^2 + eps^2)^(3/2),  F_j -= the same,
 * U_ij = -G q_i q_j / sqrt(r^2 + eps^2). G > 0 attracts, G < 0 repels.
 */
import type { AgentStore } from '../state/agents.js';
import { UNROLLED_DIMS, accumulatePairs8 } from './pairwise-8d.js';

/** Adds pair forces into store.fC; returns the pair potential energy. O(N^2 n / 2). */
export function accumulatePairs(store: AgentStore, gravity: number, softening: number): number {
  const n = store.dims;
  const count = store.count;
  if (count < 2 || gravity === 0) return 0;
  if (n === UNROLLED_DIMS) return accumulatePairs8(store, gravity, softening);
  const x = store.x;
  const f = store.fC;
  const eps2 = softening * softening;
  let u = 0;
  for (let i = 0, bi = 0; i < count - 1; i++, bi += n) {
    const gi = gravity * (store.charge[i] as number);
    for (let j = i + 1, bj = bi + n; j < count; j++, bj += n) {
      let r2 = eps2;
      for (let k = 0; k < n; k++) {
        const d = (x[bj + k] as number) - (x[bi + k] as number);
        r2 += d * d;
      }
      const inv = 1 / Math.sqrt(r2);
      const gq = gi * (store.charge[j] as number);
      u -= gq * inv;
      const coef = gq * inv * inv * inv;
      for (let k = 0; k < n; k++) {
        const fk = coef * ((x[bj + k] as number) - (x[bi + k] as number));
        f[bi + k] = (f[bi + k] as number) + fk;
        f[bj + k] = (f[bj + k] as number) - fk;
      }
    }
  }
  return u;
}
