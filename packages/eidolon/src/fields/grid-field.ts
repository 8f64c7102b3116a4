/**
 * Low-dimensional grid backend (1-D, 2-D or 3-D) for a scalar field with explicit finite
 * differences in flux form (FTCS): u_i += (D dt / h^2) * sum over axes of (u_{i+1} - 2 u_i + u_{i-1}),
 * with periodic or no-flux boundaries. The flux form makes the update telescope, so the total
 * mass is conserved to round-off when decay is zero. The explicit bound dt <= h^2 / (2 d D) is
 * enforced: a larger dt is split into equal sub-steps or rejected (dtPolicy).
 */
import { InvalidParameterError, UnstableStepError } from '../errors.js';
import type { GridFieldSpec } from '../state/params.js';
import { FieldBook } from './field-book.js';
import type { FieldLedger, FieldSource, FieldState, ScalarField } from './types.js';

const MAX_GRID_DIMS = 3;

export class GridField implements ScalarField {
  readonly dims: number;
  readonly spec: GridFieldSpec;
  /** Cell values at cell centres, row-major [shape[0] * shape[1] * ...] with the last axis fastest. */
  readonly values: Float64Array;
  /** Scratch buffer for the diffusion update. */
  private readonly next: Float64Array;
  private readonly shape: Int32Array;
  private readonly strides: Int32Array;
  private readonly cellVolume: number;
  private readonly book = new FieldBook();
  /** Scratch for interpolation: lower/upper corner indices and fractions per axis. */
  private readonly lo = new Int32Array(MAX_GRID_DIMS);
  private readonly hi = new Int32Array(MAX_GRID_DIMS);
  private readonly frac = new Float64Array(MAX_GRID_DIMS);

  constructor(spec: GridFieldSpec) {
    const d = spec.shape.length;
    if (d < 1 || d > MAX_GRID_DIMS || spec.shape.some((s) => !Number.isInteger(s) || s < 2) || spec.origin.length !== d) {
      throw new InvalidParameterError(
        `grid field needs 1 to 3 axes of >= 2 cells and an origin per axis, got shape [${spec.shape.join(', ')}]`,
        'use gridField([nx, ny]) or similar',
      );
    }
    if (!(spec.spacing > 0) || !(spec.diffusion >= 0) || !(spec.decay >= 0)) {
      throw new InvalidParameterError('grid field needs spacing > 0, diffusion >= 0, decay >= 0', 'check the grid spec');
    }
    this.dims = d;
    this.spec = spec;
    this.shape = Int32Array.from(spec.shape);
    this.strides = new Int32Array(d);
    let size = 1;
    for (let a = d - 1; a >= 0; a--) {
      this.strides[a] = size;
      size *= this.shape[a] as number;
    }
    this.values = new Float64Array(size);
    this.next = new Float64Array(size);
    this.cellVolume = spec.spacing ** d;
  }

  /** Largest stable explicit step h^2 / (2 d D) [s] (Infinity without diffusion). */
  get stableDt(): number {
    return this.spec.diffusion > 0 ? (this.spec.spacing * this.spec.spacing) / (2 * this.dims * this.spec.diffusion) : Number.POSITIVE_INFINITY;
  }

  resetLedger(): void {
    this.book.reset(this.mass(), this.energy());
  }

  checkDt(dtSec: number): void {
    if (dtSec > this.stableDt && this.spec.dtPolicy === 'reject') throw new UnstableStepError(dtSec, this.stableDt, 'grid field diffusion');
  }

  advance(dtSec: number): void {
    this.checkDt(dtSec);
    const bound = this.stableDt;
    const steps = dtSec > bound ? Math.ceil(dtSec / bound) : 1;
    const h = dtSec / steps;
    for (let s = 0; s < steps; s++) this.substep(h);
  }

  private substep(dtSec: number): void {
    const r = (this.spec.diffusion * dtSec) / (this.spec.spacing * this.spec.spacing);
    const u = this.values;
    const out = this.next;
    const periodic = this.spec.boundary === 'periodic';
    if (r > 0) {
      out.set(u);
      for (let a = 0; a < this.dims; a++) this.diffuseAxis(u, out, a, r, periodic);
      u.set(out);
    }
    const decay = Math.exp(-this.spec.decay * dtSec);
    if (decay !== 1) {
      this.book.massDecayed += this.mass() * (1 - decay);
      for (let i = 0; i < u.length; i++) u[i] = (u[i] as number) * decay;
    }
  }

  /** Adds r * (flux differences) along axis a: each face's flux is added to one cell and subtracted from the other. */
  private diffuseAxis(u: Float64Array, out: Float64Array, a: number, r: number, periodic: boolean): void {
    const stride = this.strides[a] as number;
    const n = this.shape[a] as number;
    for (let i = 0; i < u.length; i++) {
      const coord = Math.floor(i / stride) % n;
      let j: number;
      if (coord < n - 1) j = i + stride;
      else if (periodic) j = i - (n - 1) * stride;
      else continue; // no-flux: no face beyond the last cell
      const flux = r * ((u[j] as number) - (u[i] as number));
      out[i] = (out[i] as number) + flux;
      out[j] = (out[j] as number) - flux;
    }
  }

  addSource(source: FieldSource): { mass: number; energy: number } {
    if (source.centre.length !== this.dims || !Number.isFinite(source.mass) || !(source.width >= 0)) {
      throw new InvalidParameterError(`grid source needs a centre of length ${this.dims}, a finite mass, width >= 0`, 'check the source');
    }
    const before = this.energy();
    if (source.width > 0) this.depositGaussian(source);
    else this.depositCloudInCell(source.centre, source.mass);
    const injected = this.energy() - before;
    this.book.massInjected += source.mass;
    this.book.energyInjected += injected;
    return { mass: source.mass, energy: injected };
  }

  private depositCloudInCell(centre: readonly number[], mass: number): void {
    this.locate(centre, 0);
    const corners = 1 << this.dims;
    for (let c = 0; c < corners; c++) {
      let w = 1;
      let idx = 0;
      for (let a = 0; a < this.dims; a++) {
        const up = (c >> a) & 1;
        const t = this.frac[a] as number;
        w *= up ? t : 1 - t;
        idx += (up ? (this.hi[a] as number) : (this.lo[a] as number)) * (this.strides[a] as number);
      }
      this.values[idx] = (this.values[idx] as number) + (w * mass) / this.cellVolume;
    }
  }

  /** Samples the Gaussian at cell centres and rescales so the deposited mass is exact. */
  private depositGaussian(source: FieldSource): void {
    const weights = new Float64Array(this.values.length);
    const inv2s = 1 / (2 * source.width * source.width);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      let r2 = 0;
      for (let a = 0; a < this.dims; a++) {
        const coord = Math.floor(i / (this.strides[a] as number)) % (this.shape[a] as number);
        const x = this.spec.origin[a]! + (coord + 0.5) * this.spec.spacing;
        r2 += (x - source.centre[a]!) ** 2;
      }
      const w = Math.exp(-r2 * inv2s);
      weights[i] = w;
      total += w;
    }
    if (total === 0) return this.depositCloudInCell(source.centre, source.mass);
    const scale = source.mass / (total * this.cellVolume);
    for (let i = 0; i < weights.length; i++) this.values[i] = (this.values[i] as number) + (weights[i] as number) * scale;
  }

  /** Fills lo/hi/frac for the point (multilinear interpolation between cell centres). */
  private locate(point: ArrayLike<number>, offset: number): void {
    const periodic = this.spec.boundary === 'periodic';
    for (let a = 0; a < this.dims; a++) {
      const n = this.shape[a] as number;
      const g = ((point[offset + a] as number) - (this.spec.origin[a] as number)) / this.spec.spacing - 0.5;
      const i0 = Math.floor(g);
      if (periodic) {
        this.lo[a] = ((i0 % n) + n) % n;
        this.hi[a] = (((i0 + 1) % n) + n) % n;
        this.frac[a] = g - i0;
      } else if (i0 < 0 || i0 >= n - 1) {
        const edge = i0 < 0 ? 0 : n - 1;
        this.lo[a] = edge;
        this.hi[a] = edge;
        this.frac[a] = 0;
      } else {
        this.lo[a] = i0;
        this.hi[a] = i0 + 1;
        this.frac[a] = g - i0;
      }
    }
  }

  value(point: ArrayLike<number>, offset: number): number {
    return this.interpolate(point, offset, null, 0, 0);
  }

  valueAndGradient(point: Float64Array, offset: number, grad: Float64Array, gradOffset: number, scale: number): number {
    return this.interpolate(point, offset, grad, gradOffset, scale);
  }

  /** Multilinear interpolation; adds scale * (exact gradient of the interpolant) into grad when given. */
  private interpolate(point: ArrayLike<number>, offset: number, grad: Float64Array | null, gradOffset: number, scale: number): number {
    this.locate(point, offset);
    const corners = 1 << this.dims;
    let phi = 0;
    for (let c = 0; c < corners; c++) {
      let w = 1;
      let idx = 0;
      for (let a = 0; a < this.dims; a++) {
        const up = (c >> a) & 1;
        w *= up ? (this.frac[a] as number) : 1 - (this.frac[a] as number);
        idx += (up ? (this.hi[a] as number) : (this.lo[a] as number)) * (this.strides[a] as number);
      }
      const val = this.values[idx] as number;
      phi += w * val;
      if (grad === null) continue;
      for (let a = 0; a < this.dims; a++) {
        if (this.lo[a] === this.hi[a]) continue; // clamped outside a no-flux grid: flat
        let wa = 1;
        for (let b = 0; b < this.dims; b++) {
          if (b === a) continue;
          const upB = (c >> b) & 1;
          wa *= upB ? (this.frac[b] as number) : 1 - (this.frac[b] as number);
        }
        const sign = (c >> a) & 1 ? 1 : -1;
        grad[gradOffset + a] = (grad[gradOffset + a] as number) + (scale * sign * wa * val) / this.spec.spacing;
      }
    }
    return phi;
  }

  mass(): number {
    let m = 0;
    for (let i = 0; i < this.values.length; i++) m += this.values[i] as number;
    return m * this.cellVolume;
  }

  energy(): number {
    let e = 0;
    for (let i = 0; i < this.values.length; i++) e += (this.values[i] as number) ** 2;
    return 0.5 * e * this.cellVolume;
  }

  ledger(): FieldLedger {
    return this.book.report(this.mass(), this.energy());
  }

  getState(): FieldState {
    return { kind: 'grid', values: Array.from(this.values), meta: this.book.toArray() };
  }

  setState(state: FieldState): void {
    if (state.values.length !== this.values.length) throw new InvalidParameterError('grid state has the wrong size', 'restore into the same grid');
    this.values.set(state.values);
    this.book.fromArray(state.meta);
  }
}
