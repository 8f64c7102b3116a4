/**
 * Passive particles (spec A3.4, A7.6): each has position, velocity, mass and internal energy, starts at
 * a random position with random mass and velocity, and obeys m dv/dt = windGain * wind(x, t) - c v.
 * One step of dt: O(dt/2) B(dt) A(dt) [walls, obstacles] O(dt/2), where O is the exact drag decay
 * v <- exp(-c/m dt/2) v (its kinetic energy goes to the particle's internal energy), B the wind kick
 * (work dt F . (v_before + v_after) / 2, exactly the kinetic energy it adds), A the drift. The box
 * |x_k| <= bound reflects elastically; obstacles reflect with their restitution (loss to internal
 * energy). So the particles' own ledger closes to round-off:
 *   K + E_int = K_0 + E_int,0 + W_wind.
 * Particles exert no force on agents or fields.
 */
import type { Wind } from '../forces/wind.js';
import type { RandomStream } from '../random/xoshiro.js';
import type { Obstacles } from './obstacles.js';
import type { ParticleSpec } from './space-params.js';

type Passive = Extract<ParticleSpec, { kind: 'passive' }>;

/** The particles' own energy ledger. */
export interface ParticleLedger {
  readonly count: number;
  readonly kinetic: number;
  readonly kinetic0: number;
  readonly internal: number;
  readonly internal0: number;
  /** Work of the wind on the particles. */
  readonly windWork: number;
  /** Kinetic energy turned into internal energy by drag and by inelastic obstacle bounces. */
  readonly dragHeat: number;
  readonly collisionHeat: number;
  /** K + E_int - K_0 - E_int,0 - W_wind (round-off). */
  readonly error: number;
}

export class ParticleSystem {
  readonly count: number;
  readonly dims: number;
  readonly spec: Passive;
  readonly x: Float64Array;
  readonly v: Float64Array;
  /** Mass per axis (isotropic: the same on every axis) and its inverse, [count * dims]. */
  readonly m: Float64Array;
  readonly invM: Float64Array;
  readonly internal: Float64Array;
  windWork = 0;
  dragHeat = 0;
  collisionHeat = 0;
  kinetic0 = 0;
  internal0 = 0;
  private readonly point: Float64Array;
  private readonly force: Float64Array;
  private dampFactor = new Float64Array(0);
  private dampDt = 0;

  constructor(spec: Passive, dims: number, random: RandomStream) {
    this.spec = spec;
    this.dims = dims;
    this.count = spec.count;
    const total = spec.count * dims;
    this.x = new Float64Array(total);
    this.v = new Float64Array(total);
    this.m = new Float64Array(total);
    this.invM = new Float64Array(total);
    this.internal = new Float64Array(spec.count);
    this.point = new Float64Array(dims);
    this.force = new Float64Array(dims);
    for (let p = 0; p < spec.count; p++) {
      const mass = spec.massMin + (spec.massMax - spec.massMin) * random.nextFloat();
      for (let k = p * dims; k < (p + 1) * dims; k++) {
        this.x[k] = spec.spread * (2 * random.nextFloat() - 1);
        this.v[k] = spec.speed * random.nextGaussian();
        this.m[k] = mass;
        this.invM[k] = 1 / mass;
      }
    }
    this.kinetic0 = this.kinetic();
  }

  kinetic(): number {
    let e = 0;
    for (let k = 0; k < this.count * this.dims; k++) e += (this.m[k] as number) * (this.v[k] as number) ** 2;
    return 0.5 * e;
  }

  /** Advances every particle by dtSec starting at time tSec. */
  step(dtSec: number, tSec: number, wind: Wind, obstacles: Obstacles | null): void {
    const n = this.dims;
    if (dtSec !== this.dampDt) this.refreshDamp(0.5 * dtSec);
    this.drag();
    const gain = this.spec.windGain;
    if (wind.enabled && gain !== 0) {
      let work = 0;
      for (let p = 0, base = 0; p < this.count; p++, base += n) {
        for (let k = 0; k < n; k++) this.point[k] = this.x[base + k] as number;
        wind.sample(this.point, tSec, this.force);
        for (let k = 0; k < n; k++) {
          const f = gain * (this.force[k] as number);
          const vb = this.v[base + k] as number;
          const va = vb + (dtSec * f) / (this.m[base + k] as number);
          this.v[base + k] = va;
          work += f * (vb + va);
        }
      }
      this.windWork += 0.5 * dtSec * work;
    }
    const L = this.spec.bound;
    for (let p = 0, base = 0; p < this.count; p++, base += n) {
      for (let k = base; k < base + n; k++) {
        let xk = (this.x[k] as number) + dtSec * (this.v[k] as number);
        // Elastic walls: mirror the position and the velocity (kinetic energy unchanged).
        if (xk > L) {
          xk = 2 * L - xk;
          this.v[k] = -(this.v[k] as number);
        } else if (xk < -L) {
          xk = -2 * L - xk;
          this.v[k] = -(this.v[k] as number);
        }
        this.x[k] = xk < -L ? -L : xk > L ? L : xk;
      }
      if (obstacles !== null) {
        const lost = obstacles.resolve(this, base, dtSec);
        if (lost !== 0) {
          this.internal[p] = (this.internal[p] as number) + lost;
          this.collisionHeat += lost;
        }
      }
    }
    this.drag();
  }

  private refreshDamp(h: number): void {
    if (this.dampFactor.length !== this.count * this.dims) this.dampFactor = new Float64Array(this.count * this.dims);
    for (let k = 0; k < this.count * this.dims; k++) this.dampFactor[k] = Math.exp(-this.spec.drag * (this.invM[k] as number) * h);
    this.dampDt = 2 * h;
  }

  /** Exact drag decay over half a step; heat into each particle's internal energy. */
  private drag(): void {
    if (this.spec.drag === 0) return;
    const n = this.dims;
    let all = 0;
    for (let p = 0, base = 0; p < this.count; p++, base += n) {
      let heat = 0;
      for (let k = base; k < base + n; k++) {
        const vb = this.v[k] as number;
        const va = vb * (this.dampFactor[k] as number);
        heat += (this.m[k] as number) * (vb * vb - va * va);
        this.v[k] = va;
      }
      heat *= 0.5;
      this.internal[p] = (this.internal[p] as number) + heat;
      all += heat;
    }
    this.dragHeat += all;
  }

  ledger(): ParticleLedger {
    const kinetic = this.kinetic();
    let internal = 0;
    for (let p = 0; p < this.count; p++) internal += this.internal[p] as number;
    return {
      count: this.count,
      kinetic,
      kinetic0: this.kinetic0,
      internal,
      internal0: this.internal0,
      windWork: this.windWork,
      dragHeat: this.dragHeat,
      collisionHeat: this.collisionHeat,
      error: kinetic + internal - this.kinetic0 - this.internal0 - this.windWork,
    };
  }

  getState(): number[] {
    return [this.windWork, this.dragHeat, this.collisionHeat, this.kinetic0, this.internal0, ...this.x, ...this.v, ...this.m, ...this.internal];
  }

  setState(a: readonly number[]): void {
    [this.windWork, this.dragHeat, this.collisionHeat, this.kinetic0, this.internal0] = a.slice(0, 5) as [number, number, number, number, number];
    const total = this.count * this.dims;
    let j = 5;
    for (const arr of [this.x, this.v, this.m]) for (let k = 0; k < total; k++) arr[k] = a[j++] as number;
    for (let k = 0; k < total; k++) this.invM[k] = 1 / (this.m[k] as number);
    for (let p = 0; p < this.count; p++) this.internal[p] = a[j++] as number;
    this.dampDt = 0;
  }
}
