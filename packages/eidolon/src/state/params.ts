/**
 * World parameters: one typed object with documented defaults (see docs/eidolon.md).
 * Units: time in simulated seconds, positions dimensionless (axis ranges about [-1, 1]),
 * masses and energies in consistent arbitrary units (energy = mass * (position/second)^2).
 */
import type { CircuitsSpec } from '../circuits/spec.js';
import { defaultSpaceParams } from '../space/space-params.js';
import type { SpaceParams } from '../space/space-params.js';

/** Default number of axes: one per circuit of the eight-circuit model. */
export const DEFAULT_DIMS = 8;
/** Circuits 1..4 are the mutable, light axes; the rest are the inertial ones (spec A2.3). */
export const MUTABLE_CIRCUITS = 4;

/** A fixed mass (spec A4.5): its potential U and the force -grad U. */
export type WellSpec =
  | {
      /** Softened (Plummer) point mass: U = -strength * q / sqrt(r^2 + softening^2). strength > 0 attracts (a well), < 0 repels (a wall). */
      readonly kind: 'plummer';
      readonly centre: readonly number[];
      readonly strength: number;
      readonly softening: number;
    }
  | {
      /** Harmonic bowl: U = 1/2 * sum_k stiffness_k (x_k - c_k)^2 (stiffness scalar or per axis). */
      readonly kind: 'harmonic';
      readonly centre: readonly number[];
      readonly stiffness: number | readonly number[];
    };

/**
 * A diffusing, decaying scalar field phi (spec A7.1) acting on agents through the potential
 * U = coupling * phi(x) (force -coupling * grad phi). Two backends behind one interface:
 * Gaussian heat-kernel blobs in any dimension (default), or a 1-3-D finite-difference grid.
 */
export type FieldSpec = BlobFieldSpec | GridFieldSpec;

interface FieldCommon {
  /** Diffusion coefficient D [position^2 / s]. */
  readonly diffusion: number;
  /** Decay rate lambda [1/s]. */
  readonly decay: number;
  /** Agent coupling g: the agent's potential energy in the field is g * phi(x); g < 0 attracts to high phi. */
  readonly coupling: number;
}

export interface BlobFieldSpec extends FieldCommon {
  readonly kind: 'blobs';
  /** Most blobs held at once; beyond it the blob with the smallest peak is dropped (and booked). */
  readonly maxBlobs: number;
  /** Blobs whose peak |phi| falls below this are dropped (and booked). */
  readonly pruneBelow: number;
  /** Random initial field (spec A7.5): number of blobs, their mass spread, width and placement spread. */
  readonly initial: { readonly blobs: number; readonly massStd: number; readonly width: number; readonly spread: number };
}

export interface GridFieldSpec extends FieldCommon {
  readonly kind: 'grid';
  /** Cells per axis (1 to 3 axes; must equal the world's dims when attached to a world). */
  readonly shape: readonly number[];
  /** Cell size h [position]. */
  readonly spacing: number;
  /** Coordinates of the grid's lower corner [dims]. */
  readonly origin: readonly number[];
  readonly boundary: 'periodic' | 'no-flux';
  /** What to do with dt above the explicit bound h^2 / (2 d D): split it into sub-steps, or throw. */
  readonly dtPolicy: 'substep' | 'reject';
}

export type ThermostatSpec = { readonly kind: 'none' } | { readonly kind: 'langevin'; readonly temperature: number };

/** Space bound (spec A5.4). 'soft': harmonic walls beyond |x_k| > halfWidth, a conservative force. */
export type BoundarySpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'soft'; readonly halfWidth: number; readonly stiffness: number };

/**
 * 'velocity-verlet': symplectic, second order (default). 'symplectic-euler': the semi-implicit
 * Euler of spec A5.1, first order, kept as an option.
 */
export type IntegratorKind = 'velocity-verlet' | 'symplectic-euler';

export interface WorldParams {
  /** Number of axes n. */
  readonly dims: number;
  /** Number of agents created with the world (agent 0 is the self). More via world.addAgent. */
  readonly agentCount: number;
  /** Default per-axis inertial mass m_k [length dims]. */
  readonly masses: readonly number[];
  /** Per-axis mass growth rates kappa_k: dm_k/dt = kappa_k (1 + |v_k|), applied at constant momentum. */
  readonly massGrowth: readonly number[];
  /** Per-axis damping coefficients c_k (force -c_k v_k). */
  readonly damping: readonly number[];
  /** Scalar coupling charge q of each new agent (pairwise and well forces scale with it). */
  readonly charge: number;
  /** Initial positions ~ uniform in [-initialSpread, initialSpread] per axis; velocities ~ N(0, initialSpeed^2). */
  readonly initialSpread: number;
  readonly initialSpeed: number;
  readonly integrator: IntegratorKind;
  readonly thermostat: ThermostatSpec;
  readonly wells: readonly WellSpec[];
  /** Agent-agent gravity: F_ij = G q_i q_j r_ij / (r^2 + softening^2)^(3/2); G > 0 attracts. */
  readonly pairwise: { readonly gravity: number; readonly softening: number };
  /** Simplex-noise wind: amplitude [force], spatial frequency [1/position], temporal frequency [1/s]. */
  readonly wind: { readonly amplitude: number; readonly spatialFrequency: number; readonly timeFrequency: number };
  readonly fields: readonly FieldSpec[];
  readonly boundary: BoundarySpec;
  /** Acceleration clamp a_max per agent (Euclidean norm); Infinity disables it. */
  readonly maxAcceleration: number;
  /**
   * Energy-limited motion (spec A4.7.2, A9.3): in one step the kicks may raise an agent's kinetic
   * energy by at most E_avail = min(maxPerStep, internalFraction * max(E_int, 0)); a kick that would
   * exceed it is scaled down until it holds. 'none' (default) disables it.
   */
  readonly energyLimit: EnergyLimitSpec;
  /** Bound on one impulse's norm and on the language spring's force norm. */
  readonly maxImpulse: number;
  readonly maxLanguageForce: number;
  /** Internal (cognitive) energy: initial value per agent and leak rate [1/s]. */
  readonly internalEnergy: { readonly initial: number; readonly leakRate: number };
  /** Ledger check every N steps; relative tolerance on the numerical-error term. */
  readonly ledger: { readonly checkEvery: number; readonly tolerance: number };
  /** Circuit model (spec A2.4): 'field' (default: circuits are coordinates) or driveLevelCircuits(dims). */
  readonly circuits: CircuitsSpec;
  /** Trails, particles, obstacles, exclusion radius (spec A3, A4.4, A7; see space/); all off by default. */
  readonly space: SpaceParams;
}

/** See WorldParams.energyLimit. maxPerStep may be Infinity (only the internal-energy bound). */
export type EnergyLimitSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'limited'; readonly maxPerStep: number; readonly internalFraction: number };

/** Partial parameters as accepted by createWorld (nested objects are replaced, not merged). */
export type WorldParamsInput = Partial<WorldParams>;

/** Default per-axis masses: 1, 1.5, 2.25, 3.375 for circuits 1..4, then 40 * 1.25^(k-5). */
export function defaultMasses(dims: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < dims; k++) {
    out.push(k < MUTABLE_CIRCUITS ? 1.5 ** k : 40 * 1.25 ** (k - MUTABLE_CIRCUITS));
  }
  return out;
}

/** Default growth: 0 for the mutable axes, 1e-3 per second for the inertial ones. */
export function defaultMassGrowth(dims: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < dims; k++) out.push(k < MUTABLE_CIRCUITS ? 0 : 1e-3);
  return out;
}

/** Defaults for a given dimension (the per-axis arrays depend on it). */
export function defaultParams(dims: number = DEFAULT_DIMS): WorldParams {
  return {
    dims,
    agentCount: 1,
    masses: defaultMasses(dims),
    massGrowth: defaultMassGrowth(dims),
    damping: new Array<number>(dims).fill(0.2),
    charge: 1,
    initialSpread: 0.5,
    initialSpeed: 0.05,
    integrator: 'velocity-verlet',
    thermostat: { kind: 'none' },
    wells: [],
    pairwise: { gravity: 0.05, softening: 0.2 },
    wind: { amplitude: 0.05, spatialFrequency: 1, timeFrequency: 0.1 },
    fields: [],
    boundary: { kind: 'soft', halfWidth: 1, stiffness: 20 },
    maxAcceleration: Number.POSITIVE_INFINITY,
    energyLimit: { kind: 'none' },
    maxImpulse: 1,
    maxLanguageForce: 2,
    internalEnergy: { initial: 1, leakRate: 0.01 },
    ledger: { checkEvery: 1000, tolerance: 1e-3 },
    circuits: { model: 'field' },
    space: defaultSpaceParams(),
  };
}

/** A blob field with documented defaults, overridable per property. */
export function blobField(overrides: Partial<Omit<BlobFieldSpec, 'kind'>> = {}): BlobFieldSpec {
  return {
    kind: 'blobs',
    diffusion: 0.01,
    decay: 0.05,
    coupling: -0.1,
    maxBlobs: 64,
    pruneBelow: 1e-9,
    initial: { blobs: 0, massStd: 0.1, width: 0.3, spread: 0.5 },
    ...overrides,
  };
}

/** A grid field with documented defaults (no-flux, sub-stepping), overridable per property. */
export function gridField(shape: readonly number[], overrides: Partial<Omit<GridFieldSpec, 'kind' | 'shape'>> = {}): GridFieldSpec {
  return {
    kind: 'grid',
    shape,
    diffusion: 0.01,
    decay: 0,
    coupling: -0.1,
    spacing: 2 / Math.max(1, ...shape),
    origin: shape.map(() => -1),
    boundary: 'no-flux',
    dtPolicy: 'substep',
    ...overrides,
  };
}
