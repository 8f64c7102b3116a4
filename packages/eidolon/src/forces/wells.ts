/**
 * Fixed masses (spec A4.5) as potentials with their exact negative gradients.
 * Plummer:   U = -S q / sqrt(r^2 + eps^2),      F = -S q (x - c) / (r^2 + eps^2)^(3/2)
 * Harmonic:  U = 1/2 sum_k K_k (x_k - c_k)^2,   F_k = -K_k (x_k - c_k)
 * S > 0 is a well (attracts), S < 0 a wall (repels).
 */
import type { AgentStore } from '../state/agents.js';
import type { WellSpec } from '../state/params.js';
import { accumulatePlummer8 } from './wells-8d.js';

/** The dimension with an unrolled kernel. */
const UNROLLED_DIMS = 8;

/** Wells compiled into flat arrays for the hot loop. */
export class Wells {
  readonly dims: number;
  /** Plummer centres [plummerCount * dims], strengths S, squared softening eps^2. */
  readonly plummerCentre: Float64Array;
  readonly plummerStrength: Float64Array;
  readonly plummerEps2: Float64Array;
  /** Harmonic centres and per-axis stiffness [harmonicCount * dims]. */
  readonly harmonicCentre: Float64Array;
  readonly harmonicK: Float64Array;
  readonly plummerCount: number;
  readonly harmonicCount: number;

  constructor(specs: readonly WellSpec[], dims: number) {
    this.dims = dims;
    const plummer = specs.filter((w) => w.kind === 'plummer');
    const harmonic = specs.filter((w) => w.kind === 'harmonic');
    this.plummerCount = plummer.length;
    this.harmonicCount = harmonic.length;
    this.plummerCentre = new Float64Array(plummer.length * dims);
    this.plummerStrength = new Float64Array(plummer.length);
    this.plummerEps2 = new Float64Array(plummer.length);
    plummer.forEach((w, i) => {
      this.plummerCentre.set(w.centre, i * dims);
      this.plummerStrength[i] = w.strength;
      this.plummerEps2[i] = w.softening * w.softening;
    });
    this.harmonicCentre = new Float64Array(harmonic.length * dims);
    this.harmonicK = new Float64Array(harmonic.length * dims);
    harmonic.forEach((w, i) => {
      this.harmonicCentre.set(w.centre, i * dims);
      if (typeof w.stiffness === 'number') this.harmonicK.fill(w.stiffness, i * dims, (i + 1) * dims);
      else this.harmonicK.set(w.stiffness, i * dims);
    });
  }

  /** Adds the well forces into store.fC and returns the total well potential energy. */
  accumulate(store: AgentStore): number {
    const n = this.dims;
    if (n === UNROLLED_DIMS) {
      let u = accumulatePlummer8(store, this.plummerCentre, this.plummerStrength, this.plummerEps2, this.plummerCount);
      if (this.harmonicCount > 0) for (let i = 0; i < store.count; i++) u += this.accumulateHarmonic(store.x, store.fC, i * n);
      return u;
    }
    const x = store.x;
    const f = store.fC;
    const pc = this.plummerCentre;
    let u = 0;
    for (let i = 0, base = 0; i < store.count; i++, base += n) {
      const q = store.charge[i] as number;
      for (let w = 0, cb = 0; w < this.plummerCount; w++, cb += n) {
        let r2 = this.plummerEps2[w] as number;
        for (let k = 0; k < n; k++) {
          const d = (x[base + k] as number) - (pc[cb + k] as number);
          r2 += d * d;
        }
        const inv = 1 / Math.sqrt(r2);
        const sq = (this.plummerStrength[w] as number) * q;
        u -= sq * inv;
        const coef = sq * inv * inv * inv;
        for (let k = 0; k < n; k++) {
          f[base + k] = (f[base + k] as number) - coef * ((x[base + k] as number) - (pc[cb + k] as number));
        }
      }
      u += this.accumulateHarmonic(x, f, base);
    }
    return u;
  }

  private accumulateHarmonic(x: Float64Array, f: Float64Array, base: number): number {
    const n = this.dims;
    let u = 0;
    for (let w = 0, cb = 0; w < this.harmonicCount; w++, cb += n) {
      for (let k = 0; k < n; k++) {
        const d = (x[base + k] as number) - (this.harmonicCentre[cb + k] as number);
        const kk = this.harmonicK[cb + k] as number;
        u += 0.5 * kk * d * d;
        f[base + k] = (f[base + k] as number) - kk * d;
      }
    }
    return u;
  }

  /**
   * Upper bound of the largest curvature (d^2 U / dx^2 along any direction) per unit charge
   * that the wells can produce: sum_w |S_w| / eps_w^3 + max_k K_k. Used for omega_max estimates.
   */
  maxCurvature(): number {
    let c = 0;
    for (let w = 0; w < this.plummerCount; w++) {
      c += Math.abs(this.plummerStrength[w] as number) / Math.pow(this.plummerEps2[w] as number, 1.5);
    }
    let kmax = 0;
    for (let i = 0; i < this.harmonicK.length; i++) kmax = Math.max(kmax, this.harmonicK[i] as number);
    return c + kmax * this.harmonicCount;
  }
}
