/**
 * Constant-power drive (self-propulsion): F = P v / max(|v|^2, vMin^2), so its power F . v
 * equals P whenever |v| >= vMin. Paid either by the outside world (external work) or from the
 * agent's internal energy (effort); an internally paid drive stops while E_int <= 0.
 */
import type { AgentStore } from '../state/agents.js';

/** Writes drive forces into store.fD (zeroing agents without a drive). Returns true if any is active. */
export function computeDrives(store: AgentStore): boolean {
  const n = store.dims;
  const v = store.v;
  const f = store.fD;
  let any = false;
  for (let i = 0, base = 0; i < store.count; i++, base += n) {
    const p = store.drivePower[i] as number;
    const paidInside = (store.driveInternal[i] as number) !== 0;
    if (p === 0 || (paidInside && (store.internal[i] as number) <= 0)) {
      for (let k = 0; k < n; k++) f[base + k] = 0;
      continue;
    }
    any = true;
    let v2 = 0;
    for (let k = 0; k < n; k++) v2 += (v[base + k] as number) ** 2;
    const vMin = store.driveMinSpeed[i] as number;
    const coef = p / Math.max(v2, vMin * vMin);
    for (let k = 0; k < n; k++) f[base + k] = coef * (v[base + k] as number);
  }
  return any;
}
