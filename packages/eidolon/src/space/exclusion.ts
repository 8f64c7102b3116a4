/**
 * Hard-core exclusion between agents (spec A3.2, A4.4): no two agents closer than the radius R.
 * After a drift, a pair found closer than R is rewound to the moment of contact (|x_j - x_i| = R on
 * their straight paths), exchanges an impulse J along the contact normal n (from i to j) when it
 * approaches (u = (v_i - v_j) . n > 0), and finishes the drift with the new velocities:
 *   J = (1 + e) u / (n . M_i^-1 n + n . M_j^-1 n),  v_i -= J M_i^-1 n,  v_j += J M_j^-1 n
 * which is the spec's mass-proportional sharing (per-axis masses along the normal). Momentum is
 * conserved exactly; the kinetic energy lost, (1 - e^2) u^2 / (2 (w_i + w_j)), is booked as heat and
 * shared equally between the two agents' internal energies.
 */
import type { AgentStore } from '../state/agents.js';

const SURFACE_TOL = 1e-12;
const ENTRY_TOL = 1e-9;

export class Exclusion {
  readonly radius: number;
  readonly restitution: number;
  private readonly normal: Float64Array;
  /** Pairs found overlapping at the start of a drift, pushed apart (energy not booked; see docs). */
  pushOuts = 0;
  contacts = 0;

  constructor(radius: number, restitution: number, dims: number) {
    this.radius = radius;
    this.restitution = restitution;
    this.normal = new Float64Array(dims);
  }

  /** Squared distance between agents i and j. */
  private dist2(store: AgentStore, bi: number, bj: number): number {
    let r2 = 0;
    for (let k = 0; k < store.dims; k++) {
      const d = (store.x[bj + k] as number) - (store.x[bi + k] as number);
      r2 += d * d;
    }
    return r2;
  }

  /**
   * One pass over all pairs after a drift of dtSec. Heat goes into the agents' internal energy and is
   * returned. `events` counts the pairs resolved (0: nothing overlapped).
   */
  resolvePass(store: AgentStore, dtSec: number, out: { events: number }): number {
    const n = store.dims;
    const R = this.radius;
    const limit = R * R * (1 - SURFACE_TOL);
    const { x, v } = store;
    let heat = 0;
    for (let i = 0; i < store.count; i++) {
      const bi = i * n;
      for (let j = i + 1; j < store.count; j++) {
        const bj = j * n;
        if (!(this.dist2(store, bi, bj) < limit)) continue;
        out.events++;
        // Relative path: d(s) = dx - s dv back in time; find the contact time s with |d(s)| = R.
        let a = 0;
        let b = 0;
        let c = -R * R;
        for (let k = 0; k < n; k++) {
          const dx = (x[bj + k] as number) - (x[bi + k] as number);
          const dv = (v[bj + k] as number) - (v[bi + k] as number);
          a += dv * dv;
          b += dx * dv;
          c += dx * dx;
        }
        const disc = Math.sqrt(Math.max(0, b * b - a * c));
        let s = a === 0 ? Number.POSITIVE_INFINITY : b >= 0 ? (b + disc) / a : -c / (disc - b);
        if (s > dtSec && s <= dtSec * (1 + ENTRY_TOL)) s = dtSec; // round-off of a pair that started in contact
        const k0 = this.pairKinetic(store, bi, bj);
        if (s <= dtSec) {
          this.shift(store, bi, bj, -s);
          this.setNormal(store, bi, bj);
          this.impulse(store, bi, bj);
          this.shift(store, bi, bj, s);
        } else {
          // Overlapping since before this drift (placed so): push apart along the normal, mass-weighted.
          this.setNormal(store, bi, bj);
          this.pushApart(store, bi, bj);
          this.pushOuts++;
          this.impulse(store, bi, bj);
        }
        const lost = 0.5 * (k0 - this.pairKinetic(store, bi, bj));
        store.internal[i] = (store.internal[i] as number) + 0.5 * lost;
        store.internal[j] = (store.internal[j] as number) + 0.5 * lost;
        heat += lost;
      }
    }
    return heat;
  }

  /** Pushes every overlapping pair apart to distance R (positions only); returns the pairs moved. */
  separate(store: AgentStore): number {
    const n = store.dims;
    const limit = this.radius * this.radius * (1 - SURFACE_TOL);
    let moved = 0;
    for (let i = 0; i < store.count; i++) {
      for (let j = i + 1; j < store.count; j++) {
        if (!(this.dist2(store, i * n, j * n) < limit)) continue;
        this.setNormal(store, i * n, j * n);
        this.pushApart(store, i * n, j * n);
        moved++;
      }
    }
    return moved;
  }

  /** Twice the kinetic energy of the pair. */
  private pairKinetic(store: AgentStore, bi: number, bj: number): number {
    let e = 0;
    for (let k = 0; k < store.dims; k++) {
      e += (store.m[bi + k] as number) * (store.v[bi + k] as number) ** 2 + (store.m[bj + k] as number) * (store.v[bj + k] as number) ** 2;
    }
    return e;
  }

  private shift(store: AgentStore, bi: number, bj: number, s: number): void {
    for (let k = 0; k < store.dims; k++) {
      store.x[bi + k] = (store.x[bi + k] as number) + s * (store.v[bi + k] as number);
      store.x[bj + k] = (store.x[bj + k] as number) + s * (store.v[bj + k] as number);
    }
  }

  private setNormal(store: AgentStore, bi: number, bj: number): void {
    const nrm = this.normal;
    let r2 = 0;
    for (let k = 0; k < store.dims; k++) {
      const d = (store.x[bj + k] as number) - (store.x[bi + k] as number);
      nrm[k] = d;
      r2 += d * d;
    }
    if (r2 === 0) {
      nrm.fill(0);
      nrm[0] = 1;
      return;
    }
    const inv = 1 / Math.sqrt(r2);
    for (let k = 0; k < store.dims; k++) nrm[k] = (nrm[k] as number) * inv;
  }

  /** The restitution impulse along this.normal when the pair approaches. */
  private impulse(store: AgentStore, bi: number, bj: number): void {
    const nrm = this.normal;
    const { v, invM } = store;
    let u = 0;
    let w = 0;
    for (let k = 0; k < store.dims; k++) {
      const nk = nrm[k] as number;
      u += ((v[bi + k] as number) - (v[bj + k] as number)) * nk;
      w += nk * nk * ((invM[bi + k] as number) + (invM[bj + k] as number));
    }
    if (!(u > 0)) return;
    const jImp = ((1 + this.restitution) * u) / w;
    for (let k = 0; k < store.dims; k++) {
      const dv = jImp * (nrm[k] as number);
      v[bi + k] = (v[bi + k] as number) - dv * (invM[bi + k] as number);
      v[bj + k] = (v[bj + k] as number) + dv * (invM[bj + k] as number);
    }
    this.contacts++;
  }

  /** Moves the pair apart along this.normal to distance R, each by its share w / (w_i + w_j). */
  private pushApart(store: AgentStore, bi: number, bj: number): void {
    const nrm = this.normal;
    const gap = this.radius - Math.sqrt(this.dist2(store, bi, bj));
    let wi = 0;
    let wj = 0;
    for (let k = 0; k < store.dims; k++) {
      const nk2 = (nrm[k] as number) ** 2;
      wi += nk2 * (store.invM[bi + k] as number);
      wj += nk2 * (store.invM[bj + k] as number);
    }
    const si = (gap * wi) / (wi + wj);
    const sj = gap - si;
    for (let k = 0; k < store.dims; k++) {
      store.x[bi + k] = (store.x[bi + k] as number) - si * (nrm[k] as number);
      store.x[bj + k] = (store.x[bj + k] as number) + sj * (nrm[k] as number);
    }
  }
}
