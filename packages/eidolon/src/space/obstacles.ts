/**
 * Impassable fixed obstacles (spec A3.3, A4.4): n-spheres and axis-aligned boxes with restitution e.
 * A body is a point; after a free-flight drift of dt that ends inside an obstacle, the drift is rewound
 * to the moment of entry, the velocity gets an impulse along the outward normal n that turns the normal
 * velocity u = v . n < 0 into -e u, and the rest of the drift continues with the new velocity. With
 * per-axis masses the impulse is J n with J = -(1 + e) u / (n . M^-1 n), so the kinetic energy lost is
 * exactly (1 - e^2) u^2 / (2 n . M^-1 n): zero for e = 1, and booked as heat by the caller.
 */
import type { ObstacleSpec } from './space-params.js';

/** Relative tolerance of the inside test (a point on the surface to round-off counts as outside). */
const SURFACE_TOL = 1e-12;
/** Relative slack on the entry time (round-off of x - s v for a body that started on the surface). */
const ENTRY_TOL = 1e-9;

/** Body arrays the resolver works on (agents or particles). */
export interface Bodies {
  readonly x: Float64Array;
  readonly v: Float64Array;
  readonly m: Float64Array;
  readonly invM: Float64Array;
}

export class Obstacles {
  readonly dims: number;
  readonly count: number;
  private readonly kind: Uint8Array; // 0 sphere, 1 box
  private readonly lo: Float64Array; // sphere: centre; box: min
  private readonly hi: Float64Array; // box: max
  private readonly radius: Float64Array;
  private readonly restitution: Float64Array;
  /** Scratch outward normal [dims]. */
  private readonly normal: Float64Array;
  /** Position pushes for bodies found inside at the start of a drift (energy not booked; see docs). */
  pushOuts = 0;
  bounces = 0;

  constructor(specs: readonly ObstacleSpec[], dims: number) {
    this.dims = dims;
    this.count = specs.length;
    this.kind = new Uint8Array(specs.length);
    this.lo = new Float64Array(specs.length * dims);
    this.hi = new Float64Array(specs.length * dims);
    this.radius = new Float64Array(specs.length);
    this.restitution = new Float64Array(specs.length);
    this.normal = new Float64Array(dims);
    specs.forEach((o, j) => {
      this.restitution[j] = o.restitution;
      if (o.kind === 'sphere') {
        this.lo.set(o.centre, j * dims);
        this.radius[j] = o.radius;
      } else {
        this.kind[j] = 1;
        this.lo.set(o.min, j * dims);
        this.hi.set(o.max, j * dims);
      }
    });
  }

  /** Index of an obstacle containing x[base..], or -1 (points on a surface are outside). */
  containing(x: Float64Array, base: number): number {
    for (let j = 0; j < this.count; j++) if (this.depth(j, x, base) > 0) return j;
    return -1;
  }

  /** How far inside obstacle j the point is (> 0 inside), in position units. */
  depth(j: number, x: Float64Array, base: number): number {
    const n = this.dims;
    const o = j * n;
    if (this.kind[j] === 0) {
      let r2 = 0;
      for (let k = 0; k < n; k++) {
        const d = (x[base + k] as number) - (this.lo[o + k] as number);
        r2 += d * d;
      }
      const r = this.radius[j] as number;
      return r2 < r * r * (1 - SURFACE_TOL) ? r - Math.sqrt(r2) : 0;
    }
    let inside = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const xk = x[base + k] as number;
      const lo = this.lo[o + k] as number;
      const hi = this.hi[o + k] as number;
      const tol = SURFACE_TOL * (hi - lo);
      const d = Math.min(xk - lo, hi - xk);
      if (!(d > tol)) return 0;
      if (d < inside) inside = d;
    }
    return inside;
  }

  /**
   * Resolves one body's last drift of dtSec against every obstacle (up to maxBounces bounces);
   * returns the kinetic energy lost (>= 0 up to round-off), which the caller books as heat.
   */
  resolve(b: Bodies, base: number, dtSec: number, maxBounces = 8): number {
    if (this.count === 0) return 0;
    const n = this.dims;
    const { x, v, m } = b;
    let k0 = 0;
    for (let k = base; k < base + n; k++) k0 += (m[k] as number) * (v[k] as number) ** 2;
    let hit = false;
    for (let pass = 0; pass < maxBounces; pass++) {
      let best = -1;
      let bestS = -1;
      for (let j = 0; j < this.count; j++) {
        if (this.depth(j, x, base) <= 0) continue;
        const s = this.entryTime(j, x, v, base);
        if (s > bestS) {
          bestS = s;
          best = j;
        }
      }
      if (best < 0) break;
      hit = true;
      // Entry times a hair beyond dt are round-off of a body that started on the surface.
      if (bestS > dtSec && bestS <= dtSec * (1 + ENTRY_TOL)) bestS = dtSec;
      if (!(bestS <= dtSec)) {
        // Inside since before this drift (placed there, or a grazing round-off case): push out.
        this.pushOut(best, x, base);
        this.pushOuts++;
        if (this.normalVelocity(v, base) < 0) this.bounce(best, b, base);
        continue;
      }
      for (let k = 0; k < n; k++) x[base + k] = (x[base + k] as number) - bestS * (v[base + k] as number);
      this.outwardNormal(best, x, v, base);
      if (this.normalVelocity(v, base) < 0) this.bounce(best, b, base);
      for (let k = 0; k < n; k++) x[base + k] = (x[base + k] as number) + bestS * (v[base + k] as number);
    }
    if (!hit) return 0;
    // Anything still inside after maxBounces (pathological corners): push out.
    const j = this.containing(x, base);
    if (j >= 0) {
      this.pushOut(j, x, base);
      this.pushOuts++;
      if (this.normalVelocity(v, base) < 0) this.bounce(j, b, base);
    }
    let k1 = 0;
    for (let k = base; k < base + n; k++) k1 += (m[k] as number) * (v[k] as number) ** 2;
    return 0.5 * (k0 - k1);
  }

  /** Moves a point found inside an obstacle to the nearest surface (positions only); true if it moved. */
  separate(x: Float64Array, base: number): boolean {
    const j = this.containing(x, base);
    if (j < 0) return false;
    this.pushOut(j, x, base);
    return true;
  }

  /** Time s >= 0 back from now at which the straight path x - s v entered obstacle j. */
  private entryTime(j: number, x: Float64Array, v: Float64Array, base: number): number {
    const n = this.dims;
    const o = j * n;
    if (this.kind[j] === 0) {
      let a = 0;
      let bq = 0;
      let c = 0;
      for (let k = 0; k < n; k++) {
        const d = (x[base + k] as number) - (this.lo[o + k] as number);
        const vk = v[base + k] as number;
        a += vk * vk;
        bq += d * vk;
        c += d * d;
      }
      const r = this.radius[j] as number;
      c -= r * r; // < 0 inside
      if (a === 0) return Number.POSITIVE_INFINITY;
      // Positive root of a s^2 - 2 bq s + c = 0, computed without cancellation.
      const disc = Math.sqrt(Math.max(0, bq * bq - a * c));
      return bq >= 0 ? (bq + disc) / a : -c / (disc - bq);
    }
    let s = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const vk = v[base + k] as number;
      const xk = x[base + k] as number;
      const sk = vk > 0 ? (xk - (this.lo[o + k] as number)) / vk : vk < 0 ? (xk - (this.hi[o + k] as number)) / vk : Number.POSITIVE_INFINITY;
      if (sk < s) s = sk;
    }
    return s;
  }

  /** Outward unit normal of obstacle j at a surface point x, into this.normal (box: the face the path crossed). */
  private outwardNormal(j: number, x: Float64Array, v: Float64Array, base: number): void {
    const n = this.dims;
    const o = j * n;
    const nrm = this.normal;
    if (this.kind[j] === 0) {
      let r2 = 0;
      for (let k = 0; k < n; k++) {
        const d = (x[base + k] as number) - (this.lo[o + k] as number);
        nrm[k] = d;
        r2 += d * d;
      }
      const inv = r2 > 0 ? 1 / Math.sqrt(r2) : 0;
      for (let k = 0; k < n; k++) nrm[k] = (nrm[k] as number) * inv;
      if (inv === 0) nrm[0] = 1;
      return;
    }
    // The face whose plane is nearest (the one the rewound path sits on).
    let axis = 0;
    let sign = -1;
    let gap = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const xk = x[base + k] as number;
      const dl = Math.abs(xk - (this.lo[o + k] as number));
      const dh = Math.abs((this.hi[o + k] as number) - xk);
      const vk = v[base + k] as number;
      if (dl < gap && vk >= 0) [gap, axis, sign] = [dl, k, -1];
      if (dh < gap && vk <= 0) [gap, axis, sign] = [dh, k, 1];
    }
    nrm.fill(0);
    nrm[axis] = sign;
  }

  private normalVelocity(v: Float64Array, base: number): number {
    let u = 0;
    for (let k = 0; k < this.dims; k++) u += (v[base + k] as number) * (this.normal[k] as number);
    return u;
  }

  /** Impulse along this.normal that maps the normal velocity u < 0 to -e u. */
  private bounce(j: number, b: Bodies, base: number): void {
    const n = this.dims;
    const nrm = this.normal;
    let u = 0;
    let w = 0;
    for (let k = 0; k < n; k++) {
      const nk = nrm[k] as number;
      u += (b.v[base + k] as number) * nk;
      w += nk * nk * (b.invM[base + k] as number);
    }
    const jImp = (-(1 + (this.restitution[j] as number)) * u) / w;
    for (let k = 0; k < n; k++) b.v[base + k] = (b.v[base + k] as number) + jImp * (b.invM[base + k] as number) * (nrm[k] as number);
    this.bounces++;
  }

  /** Moves a point inside obstacle j to its nearest surface point and sets this.normal there. */
  private pushOut(j: number, x: Float64Array, base: number): void {
    const n = this.dims;
    const o = j * n;
    const nrm = this.normal;
    if (this.kind[j] === 0) {
      const r = this.radius[j] as number;
      let r2 = 0;
      for (let k = 0; k < n; k++) {
        const d = (x[base + k] as number) - (this.lo[o + k] as number);
        nrm[k] = d;
        r2 += d * d;
      }
      if (r2 === 0) {
        nrm.fill(0);
        nrm[0] = 1;
        r2 = 1;
      }
      const inv = 1 / Math.sqrt(r2);
      for (let k = 0; k < n; k++) {
        nrm[k] = (nrm[k] as number) * inv;
        x[base + k] = (this.lo[o + k] as number) + r * (nrm[k] as number);
      }
      return;
    }
    let axis = 0;
    let sign = -1;
    let gap = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const xk = x[base + k] as number;
      const dl = xk - (this.lo[o + k] as number);
      const dh = (this.hi[o + k] as number) - xk;
      if (dl < gap) [gap, axis, sign] = [dl, k, -1];
      if (dh < gap) [gap, axis, sign] = [dh, k, 1];
    }
    x[base + axis] = sign < 0 ? (this.lo[o + axis] as number) : (this.hi[o + axis] as number);
    nrm.fill(0);
    nrm[axis] = sign;
  }
}
