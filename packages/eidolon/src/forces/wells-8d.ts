/**
 * The Plummer-well kernel unrolled for n = 8: the agent's position and force stay in locals
 * across the wells. Same formula as Wells.accumulate (force summed per agent, then added).
 */
import type { AgentStore } from '../state/agents.js';

export function accumulatePlummer8(store: AgentStore, centre: Float64Array, strength: Float64Array, eps2: Float64Array, wells: number): number {
  const x = store.x;
  const f = store.fC;
  let u = 0;
  for (let i = 0, b = 0; i < store.count; i++, b += 8) {
    const q = store.charge[i] as number;
    const x0 = x[b] as number, x1 = x[b + 1] as number, x2 = x[b + 2] as number, x3 = x[b + 3] as number;
    const x4 = x[b + 4] as number, x5 = x[b + 5] as number, x6 = x[b + 6] as number, x7 = x[b + 7] as number;
    let f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;
    for (let w = 0, c = 0; w < wells; w++, c += 8) {
      const d0 = x0 - (centre[c] as number), d1 = x1 - (centre[c + 1] as number), d2 = x2 - (centre[c + 2] as number), d3 = x3 - (centre[c + 3] as number);
      const d4 = x4 - (centre[c + 4] as number), d5 = x5 - (centre[c + 5] as number), d6 = x6 - (centre[c + 6] as number), d7 = x7 - (centre[c + 7] as number);
      const r2 = (eps2[w] as number) + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7;
      const inv = 1 / Math.sqrt(r2);
      const sq = (strength[w] as number) * q;
      u -= sq * inv;
      const k = sq * inv * inv * inv;
      f0 -= k * d0; f1 -= k * d1; f2 -= k * d2; f3 -= k * d3; f4 -= k * d4; f5 -= k * d5; f6 -= k * d6; f7 -= k * d7;
    }
    f[b] = (f[b] as number) + f0;
    f[b + 1] = (f[b + 1] as number) + f1;
    f[b + 2] = (f[b + 2] as number) + f2;
    f[b + 3] = (f[b + 3] as number) + f3;
    f[b + 4] = (f[b + 4] as number) + f4;
    f[b + 5] = (f[b + 5] as number) + f5;
    f[b + 6] = (f[b + 6] as number) + f6;
    f[b + 7] = (f[b + 7] as number) + f7;
  }
  return u;
}
