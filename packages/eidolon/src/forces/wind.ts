/**
 * The noise "wind" (spec A4.3): for each axis k,
 *   w_k(x, t) = A * N_k(f * u_k . x, f * v_k . x, omega * t)
 * with seeded unit vectors u_k, v_k in R^n and N_k the trilinear interpolant, on a lattice of
 * spacing 1/16 in its three coordinates, of the `simplex-noise` package's 4-D simplex noise
 * noise4D(a, b, s, o_k) with a seeded constant offset o_k per axis (see wind-lattice.ts). So the
 * wind is a continuous vector field of position and time in any dimension, deterministic from the
 * seed, equal to the package's noise at the lattice nodes. It is a non-conservative, external
 * force: its work is booked as external work.
 */
import { createNoise4D } from 'simplex-noise';
import type { NoiseFunction4D } from 'simplex-noise';
import type { RandomStream } from '../random/xoshiro.js';
import type { AgentStore } from '../state/agents.js';
import { LATTICE_SCALE, WindMemo, latticeNoise, refill } from './wind-lattice.js';

/** The dimension with an unrolled kernel. */
const UNROLLED_DIMS = 8;
/** Spacing of the per-axis offsets along the 4th noise coordinate (decorrelates the axes). */
const AXIS_OFFSET_SPACING = 37.17;

export interface WindSettings {
  readonly amplitude: number;
  readonly spatialFrequency: number;
  readonly timeFrequency: number;
}

export class Wind {
  readonly dims: number;
  readonly settings: WindSettings;
  private readonly noise: NoiseFunction4D;
  /**
   * Projection rows in lattice units, LATTICE_SCALE * f * u_k and LATTICE_SCALE * f * v_k,
   * [dims * dims] each (row k = axis k). The power-of-two scale is exact.
   */
  private readonly pu: Float64Array;
  private readonly pv: Float64Array;
  private readonly offset: Float64Array;
  /** Corner memo for the agents' (agent, axis) slots, and one for sample() (one slot per axis). */
  private readonly memo = new WindMemo(0);
  private readonly sampleMemo: WindMemo;

  constructor(dims: number, settings: WindSettings, random: RandomStream) {
    this.dims = dims;
    this.settings = settings;
    this.noise = createNoise4D(() => random.nextFloat());
    this.pu = new Float64Array(dims * dims);
    this.pv = new Float64Array(dims * dims);
    this.offset = new Float64Array(dims);
    for (let k = 0; k < dims; k++) {
      fillUnit(this.pu, k * dims, dims, random, settings.spatialFrequency);
      fillUnit(this.pv, k * dims, dims, random, settings.spatialFrequency);
      this.offset[k] = AXIS_OFFSET_SPACING * k + 100 * random.nextFloat();
    }
    for (let j = 0; j < dims * dims; j++) {
      this.pu[j] = (this.pu[j] as number) * LATTICE_SCALE;
      this.pv[j] = (this.pv[j] as number) * LATTICE_SCALE;
    }
    this.sampleMemo = new WindMemo(dims);
  }

  get enabled(): boolean {
    return this.settings.amplitude !== 0;
  }

  /** The time coordinate in lattice units, LATTICE_SCALE * omega * t. */
  private latticeTime(tSec: number): number {
    return LATTICE_SCALE * (this.settings.timeFrequency * tSec);
  }

  /** Adds the wind force at time tSec into store.fX (scaled by each agent's windGain). */
  accumulate(store: AgentStore, tSec: number): void {
    this.memo.ensure(store.count * this.dims);
    if (this.dims === UNROLLED_DIMS) return this.accumulate8(store, tSec);
    const n = this.dims;
    const x = store.x;
    const f = store.fX;
    const pu = this.pu;
    const pv = this.pv;
    const ls = this.latticeTime(tSec);
    for (let i = 0, base = 0; i < store.count; i++, base += n) {
      const gain = this.settings.amplitude * (store.windGain[i] as number);
      if (gain === 0) continue;
      for (let k = 0, row = 0; k < n; k++, row += n) {
        let a = 0;
        let b = 0;
        for (let j = 0; j < n; j++) {
          const xj = x[base + j] as number;
          a += (pu[row + j] as number) * xj;
          b += (pv[row + j] as number) * xj;
        }
        const w = latticeNoise(this.memo, base + k, this.noise, a, b, ls, this.offset[k] as number);
        f[base + k] = (f[base + k] as number) + gain * w;
      }
    }
  }

  /** accumulate() for n = 8 with the agent's position held in locals. */
  private accumulate8(store: AgentStore, tSec: number): void {
    const x = store.x;
    const f = store.fX;
    const pu = this.pu;
    const pv = this.pv;
    const memo = this.memo;
    const { cellA, cellB, cellS, corners } = memo;
    const ls = this.latticeTime(tSec);
    const is = Math.floor(ls);
    const w = ls - is;
    for (let i = 0, b = 0; i < store.count; i++, b += 8) {
      const gain = this.settings.amplitude * (store.windGain[i] as number);
      if (gain === 0) continue;
      const x0 = x[b] as number, x1 = x[b + 1] as number, x2 = x[b + 2] as number, x3 = x[b + 3] as number;
      const x4 = x[b + 4] as number, x5 = x[b + 5] as number, x6 = x[b + 6] as number, x7 = x[b + 7] as number;
      for (let k = 0, r = 0; k < 8; k++, r += 8) {
        const la =
          (pu[r] as number) * x0 + (pu[r + 1] as number) * x1 + (pu[r + 2] as number) * x2 + (pu[r + 3] as number) * x3 +
          (pu[r + 4] as number) * x4 + (pu[r + 5] as number) * x5 + (pu[r + 6] as number) * x6 + (pu[r + 7] as number) * x7;
        const lb =
          (pv[r] as number) * x0 + (pv[r + 1] as number) * x1 + (pv[r + 2] as number) * x2 + (pv[r + 3] as number) * x3 +
          (pv[r + 4] as number) * x4 + (pv[r + 5] as number) * x5 + (pv[r + 6] as number) * x6 + (pv[r + 7] as number) * x7;
        // latticeNoise() inlined (the same arithmetic): memo hit test, then trilinear interpolation.
        const ia = Math.floor(la);
        const ib = Math.floor(lb);
        const slot = b + k;
        if (ia !== cellA[slot] || ib !== cellB[slot] || is !== cellS[slot]) refill(memo, slot, this.noise, ia, ib, is, this.offset[k] as number);
        const q = 8 * slot;
        const u = la - ia;
        const v = lb - ib;
        const c0 = corners[q] as number, c1 = corners[q + 1] as number, c2 = corners[q + 2] as number, c3 = corners[q + 3] as number;
        const c4 = corners[q + 4] as number, c5 = corners[q + 5] as number, c6 = corners[q + 6] as number, c7 = corners[q + 7] as number;
        const e0 = c0 + u * (c1 - c0);
        const e1 = c2 + u * (c3 - c2);
        const e2 = c4 + u * (c5 - c4);
        const e3 = c6 + u * (c7 - c6);
        const g0 = e0 + v * (e1 - e0);
        const g1 = e2 + v * (e3 - e2);
        f[slot] = (f[slot] as number) + gain * (g0 + w * (g1 - g0));
      }
    }
  }

  /** The wind vector at one point (for plots, tests and the bench baseline), written into out [dims]. */
  sample(point: ArrayLike<number>, tSec: number, out: Float64Array): Float64Array {
    const n = this.dims;
    const ls = this.latticeTime(tSec);
    for (let k = 0; k < n; k++) {
      let a = 0;
      let b = 0;
      for (let j = 0; j < n; j++) {
        a += (this.pu[k * n + j] as number) * (point[j] as number);
        b += (this.pv[k * n + j] as number) * (point[j] as number);
      }
      out[k] = this.settings.amplitude * latticeNoise(this.sampleMemo, k, this.noise, a, b, ls, this.offset[k] as number);
    }
    return out;
  }

  /** The raw package noise N(a, b, s, o_k) of axis k at noise coordinates (for tests). */
  rawNoise(axis: number, a: number, b: number, s: number): number {
    return this.noise(a, b, s, this.offset[axis] as number);
  }

  /** Axis k's projection rows in noise coordinates (f u_k, f v_k), for tests. */
  projection(axis: number): { readonly u: number[]; readonly v: number[] } {
    const row = (p: Float64Array): number[] => Array.from(p.subarray(axis * this.dims, (axis + 1) * this.dims), (x) => x / LATTICE_SCALE);
    return { u: row(this.pu), v: row(this.pv) };
  }
}

/** Writes a random unit vector (times scale) into out[offset .. offset + n). */
function fillUnit(out: Float64Array, offset: number, n: number, random: RandomStream, scale: number): void {
  let norm2 = 0;
  for (let j = 0; j < n; j++) {
    const g = random.nextGaussian();
    out[offset + j] = g;
    norm2 += g * g;
  }
  const s = scale / Math.sqrt(norm2 > 0 ? norm2 : 1);
  for (let j = 0; j < n; j++) out[offset + j] = (out[offset + j] as number) * s;
}
