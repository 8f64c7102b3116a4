/**
 * Soft walls bounding the space (spec A5.4): U = 1/2 K (|x_k| - L)^2 where |x_k| > L, else 0.
 * A conservative force (its exact negative gradient), so energy stays accounted for.
 */
import type { AgentStore } from '../state/agents.js';

export function accumulateSoftBoundary(store: AgentStore, halfWidth: number, stiffness: number): number {
  const total = store.count * store.dims;
  const x = store.x;
  const f = store.fC;
  let u = 0;
  for (let i = 0; i < total; i++) {
    const xi = x[i] as number;
    if (xi > halfWidth) {
      const d = xi - halfWidth;
      u += 0.5 * stiffness * d * d;
      f[i] = (f[i] as number) - stiffness * d;
    } else if (xi < -halfWidth) {
      const d = xi + halfWidth;
      u += 0.5 * stiffness * d * d;
      f[i] = (f[i] as number) - stiffness * d;
    }
  }
  return u;
}
