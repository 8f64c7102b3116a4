/**
 * Parameters of the circuit model (spec A2.4, A2.3.5): `{ model: 'field' }` (default: the circuits are
 * the agent's coordinates and nothing else happens) or the drive-level model, in which every agent also
 * carries eight scalar circuit states s_1..s_8 that weight fields over its position (circuits 1-4) and
 * modulate gains (circuits 5-8). See docs/eidolon.md, "Drive-level circuits".
 */
import { InvalidParameterError } from '../errors.js';

/** Number of scalar circuit states per agent. */
export const CIRCUIT_COUNT = 8;
/** Lower bound of each circuit state (upper bound is 1): s_2 and s_4 are signed (A2.4). */
export const CIRCUIT_LOWER: readonly number[] = [0, -1, 0, -1, 0, 0, 0, 0];

/**
 * A Gaussian site of one mutable circuit's field (a shelter, a rival's territory, a source of information,
 * a place of dissonance): Phi(x) = -depth * exp(-|x - centre|^2 / (2 width^2)). With a positive weight
 * w_k(s) a site of positive depth attracts.
 */
export interface CircuitSite {
  /** Circuit 1..4 whose state weights this site. */
  readonly circuit: number;
  readonly centre: readonly number[];
  readonly depth: number;
  readonly width: number;
}

/** Modulation strengths mu of circuits 5-8 (gain = exp(mu (s_j - rest_j)), 1 at rest). */
export interface CircuitModulation {
  /** Circuit 5: damping c_k is multiplied by exp(+damping (s_5 - r_5)). */
  readonly damping: number;
  /** Circuit 5: wind (noise) gain is multiplied by exp(-noise (s_5 - r_5)). */
  readonly noise: number;
  /** Circuit 6: reactivity rates of circuits 1-4 (alpha_1, beta_2, gamma_3, delta_4) times exp(plasticity (s_6 - r_6)). */
  readonly plasticity: number;
  /** Circuit 7: every site weight times exp(identity (s_7 - r_7)). */
  readonly identity: number;
  /** Circuit 8: coupling charge q (pair forces between agents, wells) times exp(coupling (s_8 - r_8)). */
  readonly coupling: number;
}

export interface DriveLevelSpec {
  readonly model: 'drive-level';
  /** Reactivity rates a_k [1/s per unit input]: alpha_1, beta_2, gamma_3, delta_4, then circuits 5-8 (slow). */
  readonly rates: readonly number[];
  /** Relaxation rates lambda_k [1/s] towards the rest levels when there is no input. */
  readonly relax: readonly number[];
  /** Rest levels r_k (fixed points without input), inside [lower_k, 1]. */
  readonly rest: readonly number[];
  /** Gains G_1..G_4 of the four circuit fields: w_1 = G_1 (1 - s_1), w_2 = G_2 s_2, w_3 = G_3 s_3, w_4 = G_4 s_4. */
  readonly fieldGains: readonly number[];
  readonly sites: readonly CircuitSite[];
  readonly modulation: CircuitModulation;
  /** u_1 gains energyCoupling * dE_int/dt (nutrient intake minus energy use, A2.4) [per unit power]. */
  readonly energyCoupling: number;
  /** A scored input event sets the self's inputs to eventGain * confidence * (its circuit push) for eventHoldSec. */
  readonly eventGain: number;
  readonly eventHoldSec: number;
}

export type CircuitsSpec = { readonly model: 'field' } | DriveLevelSpec;

/**
 * The drive-level model with documented defaults (open parameters of A13), overridable per property.
 * Default sites: one per mutable circuit k at +0.5 on axis (k - 1) mod dims, depth 0.05, width 0.4.
 * @example createWorld({ circuits: driveLevelCircuits(8, { energyCoupling: 0 }) }, 1)
 */
export function driveLevelCircuits(dims: number, overrides: Partial<Omit<DriveLevelSpec, 'model'>> = {}): DriveLevelSpec {
  const sites: CircuitSite[] = [];
  for (let k = 1; k <= 4; k++) {
    const centre = new Array<number>(dims).fill(0);
    centre[(k - 1) % dims] = 0.5;
    sites.push({ circuit: k, centre, depth: 0.05, width: 0.4 });
  }
  return {
    model: 'drive-level',
    rates: [0.5, 0.5, 0.5, 0.5, 0.01, 0.01, 0.01, 0.01],
    relax: [0.05, 0.05, 0.05, 0.05, 0.001, 0.001, 0.001, 0.001],
    rest: [0.7, 0, 0.3, 0, 0.5, 0.5, 0.5, 0.5],
    fieldGains: [1, 1, 1, 1],
    sites,
    modulation: { damping: 1, noise: 1, plasticity: 1, identity: 1, coupling: 1 },
    energyCoupling: 1,
    eventGain: 1,
    eventHoldSec: 2,
    ...overrides,
  };
}

/** Validates the circuits group (called by resolveParams). */
export function checkCircuits(c: CircuitsSpec, dims: number): void {
  if (c === null || typeof c !== 'object') throw new InvalidParameterError('circuits must be an object', "use { model: 'field' } or driveLevelCircuits(dims)");
  if (c.model === 'field') return;
  if (c.model !== 'drive-level') {
    throw new InvalidParameterError(`circuits.model must be 'field' or 'drive-level', got '${String((c as { model: unknown }).model)}'`, "use { model: 'field' } or driveLevelCircuits(dims)");
  }
  checkList('circuits.rates', c.rates, CIRCUIT_COUNT, (x) => x >= 0);
  checkList('circuits.relax', c.relax, CIRCUIT_COUNT, (x) => x >= 0);
  checkList('circuits.rest', c.rest, CIRCUIT_COUNT, Number.isFinite);
  c.rest.forEach((r, k) => {
    if (r < (CIRCUIT_LOWER[k] as number) || r > 1) throw new InvalidParameterError(`circuits.rest[${k}] = ${r} is outside [${CIRCUIT_LOWER[k]}, 1]`, 'rest levels must lie in each circuit\'s range');
  });
  checkList('circuits.fieldGains', c.fieldGains, 4, Number.isFinite);
  if (!Array.isArray(c.sites)) throw new InvalidParameterError('circuits.sites must be an array', 'pass [] for no sites');
  c.sites.forEach((s, i) => {
    if (!Number.isInteger(s.circuit) || s.circuit < 1 || s.circuit > 4) throw new InvalidParameterError(`circuits.sites[${i}].circuit must be 1, 2, 3 or 4, got ${s.circuit}`, 'sites belong to the mutable circuits');
    checkList(`circuits.sites[${i}].centre`, s.centre, dims, Number.isFinite);
    checkList(`circuits.sites[${i}].depth`, [s.depth], 1, Number.isFinite);
    checkList(`circuits.sites[${i}].width`, [s.width], 1, (x) => x > 0);
  });
  const m = c.modulation;
  if (m === null || typeof m !== 'object') throw new InvalidParameterError('circuits.modulation must be an object', 'e.g. { damping: 1, noise: 1, plasticity: 1, identity: 1, coupling: 1 }');
  for (const key of ['damping', 'noise', 'plasticity', 'identity', 'coupling'] as const) checkList(`circuits.modulation.${key}`, [m[key]], 1, Number.isFinite);
  checkList('circuits.energyCoupling', [c.energyCoupling], 1, Number.isFinite);
  checkList('circuits.eventGain', [c.eventGain], 1, Number.isFinite);
  checkList('circuits.eventHoldSec', [c.eventHoldSec], 1, (x) => x >= 0);
}

function checkList(name: string, xs: readonly number[], length: number, ok: (x: number) => boolean): void {
  if (!Array.isArray(xs) || xs.length !== length) {
    throw new InvalidParameterError(`${name} must have ${length} entr${length === 1 ? 'y' : 'ies'}`, `pass an array of length ${length}`);
  }
  xs.forEach((x, k) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || !ok(x)) throw new InvalidParameterError(`${name}${length === 1 ? '' : `[${k}]`} = ${String(x)} is out of range`, `check ${name}`);
  });
}
