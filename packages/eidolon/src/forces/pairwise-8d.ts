/**
 * The pair-force kernel unrolled for n = 8 (the default dimension): agent i's position and force
 * live in locals while j runs, which roughly halves the memory traffic of the generic loop.
 * Same arithmetic as accumulatePairs in the same order per component, so results match it.
 */
import type { AgentStore } from '../state/agents.js';

export const UNROLLED_DIMS = 8;

export function accumulatePairs8(store: AgentStore, gravity: number, softening: number): number {
  const count = store.count;
  const x = store.x;
  const f = store.fC;
  const eps2 = softening * softening;
  let u = 0;
  for (let i = 0, bi = 0; i < count - 1; i++, bi += 8) {
    const gi = gravity * (store.charge[i] as number);
    const x0 = x[bi] as number, x1 = x[bi + 1] as number, x2 = x[bi + 2] as number, x3 = x[bi + 3] as number;
    const x4 = x[bi + 4] as number, x5 = x[bi + 5] as number, x6 = x[bi + 6] as number, x7 = x[bi + 7] as number;
    let f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;
    for (let j = i + 1, bj = bi + 8; j < count; j++, bj += 8) {
      const d0 = (x[bj] as number) - x0, d1 = (x[bj + 1] as number) - x1, d2 = (x[bj + 2] as number) - x2, d3 = (x[bj + 3] as number) - x3;
      const d4 = (x[bj + 4] as number) - x4, d5 = (x[bj + 5] as number) - x5, d6 = (x[bj + 6] as number) - x6, d7 = (x[bj + 7] as number) - x7;
      const r2 = eps2 + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7;
      const inv = 1 / Math.sqrt(r2);
      const gq = gi * (store.charge[j] as number);
      u -= gq * inv;
      const c = gq * inv * inv * inv;
      const g0 = c * d0, g1 = c * d1, g2 = c * d2, g3 = c * d3, g4 = c * d4, g5 = c * d5, g6 = c * d6, g7 = c * d7;
      f0 += g0; f1 += g1; f2 += g2; f3 += g3; f4 += g4; f5 += g5; f6 += g6; f7 += g7;
      f[bj] = (f[bj] as number) - g0;
      f[bj + 1] = (f[bj + 1] as number) - g1;
      f[bj + 2] = (f[bj + 2] as number) - g2;
      f[bj + 3] = (f[bj + 3] as number) - g3;
      f[bj + 4] = (f[bj + 4] as number) - g4;
      f[bj + 5] = (f[bj + 5] as number) - g5;
      f[bj + 6] = (f[bj + 6] as number) - g6;
      f[bj + 7] = (f[bj + 7] as number) - g7;
    }
    f[bi] = (f[bi] as number) + f0;
    f[bi + 1] = (f[bi + 1] as number) + f1;
    f[bi + 2] = (f[bi + 2] as number) + f2;
    f[bi + 3] = (f[bi + 3] as number) + f3;
    f[bi + 4] = (f[bi + 4] as number) + f4;
    f[bi + 5] = (f[bi + 5] as number) + f5;
    f[bi + 6] = (f[bi + 6] as number) + f6;
    f[bi + 7] = (f[bi + 7] as number) + f7;
  }
  return u;
}
