/** The interface every scalar-field backend implements (Gaussian blobs, finite-difference grid). */

/** One source packet: a Gaussian bump of total mass `mass` centred at `centre` with standard deviation `width`. */
export interface FieldSource {
  readonly centre: readonly number[];
  /** Integral of the added bump (signed). */
  readonly mass: number;
  /** Standard deviation sigma [position]; on a grid, 0 deposits the mass cloud-in-cell. */
  readonly width: number;
}

/** Cumulative bookkeeping of a field (all exact for the blob backend, to round-off for the grid). */
export interface FieldLedger {
  /** Integral of phi now, and its initial value. */
  readonly mass: number;
  readonly mass0: number;
  readonly massInjected: number;
  /** Mass removed by decay: sum of M (1 - exp(-lambda dt)). */
  readonly massDecayed: number;
  /** Mass removed by pruning or the blob cap. */
  readonly massDropped: number;
  /** Field energy 1/2 * integral of phi^2, now and initially. */
  readonly energy: number;
  readonly energy0: number;
  /** Energy added by sources (E after - E before each injection). */
  readonly energyInjected: number;
  /** Energy removed by pruning. */
  readonly energyDropped: number;
  /** Energy dissipated by diffusion and decay: energy0 + injected - dropped - energy (a residual). */
  readonly energyDissipated: number;
}

/** Plain-JSON state of a field backend. */
export interface FieldState {
  readonly kind: 'blobs' | 'grid';
  readonly values: readonly number[];
  readonly meta: readonly number[];
}

export interface ScalarField {
  readonly dims: number;
  /** phi at a point read from point[offset .. offset + dims). */
  value(point: ArrayLike<number>, offset: number): number;
  /**
   * phi at a point; also adds scale * grad phi into grad[gradOffset .. gradOffset + dims).
   * Hot path: no allocation.
   */
  valueAndGradient(point: Float64Array, offset: number, grad: Float64Array, gradOffset: number, scale: number): number;
  /** Advances diffusion and decay by dtSec. */
  advance(dtSec: number): void;
  /** Throws if advance(dtSec) would be refused (so a world can refuse a step before changing anything). */
  checkDt(dtSec: number): void;
  /** Adds a source packet; returns the mass and field energy it injected. */
  addSource(source: FieldSource): { mass: number; energy: number };
  mass(): number;
  /** Field energy 1/2 * integral of phi^2. */
  energy(): number;
  ledger(): FieldLedger;
  getState(): FieldState;
  setState(state: FieldState): void;
}
