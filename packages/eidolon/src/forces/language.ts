/**
 * The language force (spec A4.6) as a transient spring towards a target state:
 * F_k = -K_k (x_k - target_k) while t < tEnd, its norm clipped to maxForce. It is external:
 * its work (exact per kick, see integrator) is booked as external work.
 */
import type { AgentStore } from '../state/agents.js';

/**
 * Writes active language springs at time tSec into store.fL and marks them in `on` (1 = active).
 * Returns true if any spring is active.
 */
export function computeLanguage(store: AgentStore, tSec: number, maxForce: number, on: Uint8Array): boolean {
  const n = store.dims;
  const x = store.x;
  const f = store.fL;
  let any = false;
  for (let i = 0, base = 0; i < store.count; i++, base += n) {
    if (!(tSec < (store.targetEnd[i] as number))) {
      on[i] = 0;
      continue;
    }
    on[i] = 1;
    any = true;
    let norm2 = 0;
    for (let k = 0; k < n; k++) {
      const fk = -(store.targetK[base + k] as number) * ((x[base + k] as number) - (store.targetPos[base + k] as number));
      norm2 += fk * fk;
    }
    const scale = norm2 > maxForce * maxForce ? maxForce / Math.sqrt(norm2) : 1;
    for (let k = 0; k < n; k++) {
      const fk = -(store.targetK[base + k] as number) * ((x[base + k] as number) - (store.targetPos[base + k] as number));
      f[base + k] = scale * fk;
    }
  }
  return any;
}
