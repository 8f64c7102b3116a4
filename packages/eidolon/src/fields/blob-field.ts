/**
 * A scalar field in n dimensions with no grid: a sum of isotropic Gaussian heat kernels,
 *   phi(x) = sum_b M_b (2 pi s_b)^(-n/2) exp(-|x - c_b|^2 / (2 s_b)),   s_b = sigma_b^2.
 * Each blob is the exact solution of d phi/dt = D lap phi - lambda phi: over dt, s += 2 D dt
 * (mass conserved by diffusion) and M *= exp(-lambda dt). Sources add blobs.
 */
import { InvalidParameterError } from '../errors.js';
import type { BlobFieldSpec } from '../state/params.js';
import { FieldBook } from './field-book.js';
import type { FieldLedger, FieldSource, FieldState, ScalarField } from './types.js';

const TWO_PI = 2 * Math.PI;

export class BlobField implements ScalarField {
  readonly dims: number;
  readonly spec: BlobFieldSpec;
  count = 0;
  /** Blob masses M, variances s, centres [maxBlobs * dims]. */
  private readonly blobMass: Float64Array;
  private readonly variance: Float64Array;
  private readonly centre: Float64Array;
  /** Cached M (2 pi s)^(-n/2) and 1 / (2 s). */
  private readonly peak: Float64Array;
  private readonly inv2s: Float64Array;
  private readonly book = new FieldBook();

  constructor(dims: number, spec: BlobFieldSpec) {
    this.dims = dims;
    this.spec = spec;
    this.blobMass = new Float64Array(spec.maxBlobs);
    this.variance = new Float64Array(spec.maxBlobs);
    this.centre = new Float64Array(spec.maxBlobs * dims);
    this.peak = new Float64Array(spec.maxBlobs);
    this.inv2s = new Float64Array(spec.maxBlobs);
  }

  /** Starts the ledger at the current content (call after the initial random blobs). */
  resetLedger(): void {
    this.book.reset(this.mass(), this.energy());
  }

  value(point: ArrayLike<number>, offset: number): number {
    const n = this.dims;
    let phi = 0;
    for (let b = 0, cb = 0; b < this.count; b++, cb += n) {
      let r2 = 0;
      for (let k = 0; k < n; k++) {
        const d = (point[offset + k] as number) - (this.centre[cb + k] as number);
        r2 += d * d;
      }
      phi += (this.peak[b] as number) * Math.exp(-r2 * (this.inv2s[b] as number));
    }
    return phi;
  }

  valueAndGradient(point: Float64Array, offset: number, grad: Float64Array, gradOffset: number, scale: number): number {
    const n = this.dims;
    let phi = 0;
    for (let b = 0, cb = 0; b < this.count; b++, cb += n) {
      let r2 = 0;
      for (let k = 0; k < n; k++) {
        const d = (point[offset + k] as number) - (this.centre[cb + k] as number);
        r2 += d * d;
      }
      const i2s = this.inv2s[b] as number;
      const phiB = (this.peak[b] as number) * Math.exp(-r2 * i2s);
      phi += phiB;
      const coef = -2 * i2s * phiB * scale; // d/dx exp(-r^2/(2s)) = -(x - c)/s
      for (let k = 0; k < n; k++) {
        grad[gradOffset + k] = (grad[gradOffset + k] as number) + coef * ((point[offset + k] as number) - (this.centre[cb + k] as number));
      }
    }
    return phi;
  }

  /** Any dt is exact for the blob backend. */
  checkDt(_dtSec: number): void {}

  advance(dtSec: number): void {
    const decay = Math.exp(-this.spec.decay * dtSec);
    const ds = 2 * this.spec.diffusion * dtSec;
    let decayed = 0;
    for (let b = 0; b < this.count; b++) {
      const m = this.blobMass[b] as number;
      decayed += m * (1 - decay);
      this.blobMass[b] = m * decay;
      this.variance[b] = (this.variance[b] as number) + ds;
      this.refresh(b);
    }
    this.book.massDecayed += decayed;
    this.prune();
  }

  addSource(source: FieldSource): { mass: number; energy: number } {
    const n = this.dims;
    if (source.centre.length !== n || !(source.width > 0) || !Number.isFinite(source.mass)) {
      throw new InvalidParameterError(
        `field source needs a centre of length ${n}, a finite mass and a width > 0`,
        'pass { centre: number[dims], mass, width: sigma > 0 }',
      );
    }
    if (this.count === this.spec.maxBlobs) this.drop(this.smallestPeak());
    const before = this.energy();
    const b = this.count++;
    this.blobMass[b] = source.mass;
    this.variance[b] = source.width * source.width;
    this.centre.set(source.centre, b * n);
    this.refresh(b);
    const injected = this.energy() - before;
    this.book.massInjected += source.mass;
    this.book.energyInjected += injected;
    return { mass: source.mass, energy: injected };
  }

  mass(): number {
    let m = 0;
    for (let b = 0; b < this.count; b++) m += this.blobMass[b] as number;
    return m;
  }

  /** 1/2 * integral phi^2 = 1/2 sum_ab M_a M_b (2 pi (s_a + s_b))^(-n/2) exp(-|c_a - c_b|^2 / (2 (s_a + s_b))). O(blobs^2). */
  energy(): number {
    let e = 0;
    for (let a = 0; a < this.count; a++) {
      e += 0.5 * this.overlap(a, a);
      for (let b = a + 1; b < this.count; b++) e += this.overlap(a, b);
    }
    return e;
  }

  ledger(): FieldLedger {
    return this.book.report(this.mass(), this.energy());
  }

  /** Number of blobs held now. */
  get blobCount(): number {
    return this.count;
  }

  getState(): FieldState {
    const values: number[] = [];
    for (let b = 0; b < this.count; b++) {
      values.push(this.blobMass[b] as number, this.variance[b] as number, ...this.centre.subarray(b * this.dims, (b + 1) * this.dims));
    }
    return { kind: 'blobs', values, meta: [this.count, ...this.book.toArray()] };
  }

  setState(state: FieldState): void {
    const stride = 2 + this.dims;
    this.count = state.meta[0] ?? 0;
    for (let b = 0; b < this.count; b++) {
      this.blobMass[b] = state.values[b * stride] ?? 0;
      this.variance[b] = state.values[b * stride + 1] ?? 1;
      this.centre.set(state.values.slice(b * stride + 2, (b + 1) * stride), b * this.dims);
      this.refresh(b);
    }
    this.book.fromArray(state.meta.slice(1));
  }

  private overlap(a: number, b: number): number {
    const n = this.dims;
    const s = (this.variance[a] as number) + (this.variance[b] as number);
    let r2 = 0;
    for (let k = 0; k < n; k++) {
      const d = (this.centre[a * n + k] as number) - (this.centre[b * n + k] as number);
      r2 += d * d;
    }
    return (this.blobMass[a] as number) * (this.blobMass[b] as number) * Math.pow(TWO_PI * s, -n / 2) * Math.exp(-r2 / (2 * s));
  }

  private refresh(b: number): void {
    const s = this.variance[b] as number;
    this.peak[b] = (this.blobMass[b] as number) * Math.pow(TWO_PI * s, -this.dims / 2);
    this.inv2s[b] = 1 / (2 * s);
  }

  private prune(): void {
    for (let b = this.count - 1; b >= 0; b--) {
      if (Math.abs(this.peak[b] as number) < this.spec.pruneBelow) this.drop(b);
    }
  }

  private smallestPeak(): number {
    let best = 0;
    for (let b = 1; b < this.count; b++) if (Math.abs(this.peak[b] as number) < Math.abs(this.peak[best] as number)) best = b;
    return best;
  }

  /** Removes blob b (moving the last one into its slot), booking the mass and energy removed. */
  private drop(b: number): void {
    const before = this.energy();
    this.book.massDropped += this.blobMass[b] as number;
    const last = this.count - 1;
    const n = this.dims;
    this.blobMass[b] = this.blobMass[last] as number;
    this.variance[b] = this.variance[last] as number;
    this.centre.copyWithin(b * n, last * n, (last + 1) * n);
    this.count = last;
    if (b < last) this.refresh(b);
    this.book.energyDropped += before - this.energy();
  }
}
