/**
 * Parameters of the space mechanisms (spec A3, A4.4, A7.4, A7.6): path memory (trails), passive
 * particles, impassable obstacles with restitution and an exclusion radius between agents. Every
 * mechanism is off by default; with all of them off the world steps exactly as without this module.
 */
import { InvalidParameterError } from '../errors.js';

/**
 * Path memory (spec A3.1, A7.4) as a list of Gaussian deposits. Every `interval` seconds each agent
 * deposits a bump of height `amount` and width `width` at its position; every bump decays as
 * exp(-decay t). An agent's potential energy is U_i = coupling * T(x_i) with T the sum of the bumps it
 * feels (all of them when `shared`, only its own otherwise): coupling > 0 repels from trails (novelty),
 * coupling < 0 attracts to them (habit).
 */
export type TrailSpec =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'deposits';
      /** Seconds between deposits (each agent deposits once per interval). */
      readonly interval: number;
      /** Peak height a_0 of a new deposit [trail units]. */
      readonly amount: number;
      /** Standard deviation sigma of a deposit [position]. */
      readonly width: number;
      /** Decay rate lambda [1/s]: a deposit's height is a_0 exp(-lambda (t - t_deposit)). */
      readonly decay: number;
      /** g: U_i = g T(x_i) [energy per trail unit]; > 0 repels, < 0 attracts. */
      readonly coupling: number;
      /** Deposits held at once (ring buffer over all agents); a new one replaces the oldest (booked). */
      readonly capacity: number;
      /** true: every agent feels every agent's trail (field history); false: only its own (local memory). */
      readonly shared: boolean;
    };

/**
 * Passive particles (spec A7.6): bodies with position, velocity, mass and internal energy pushed by
 * the world's wind, with linear drag (heat into their internal energy); they bounce elastically off
 * the box |x_k| <= bound and off the obstacles with each obstacle's restitution. They exert no force.
 */
export type ParticleSpec =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'passive';
      readonly count: number;
      /** Masses are drawn uniformly from [massMin, massMax]. */
      readonly massMin: number;
      readonly massMax: number;
      /** Linear drag coefficient c (force -c v) [mass/s]. */
      readonly drag: number;
      /** Force = windGain * wind(x, t) (the agents' wind field). */
      readonly windGain: number;
      /** Initial positions uniform in [-spread, spread] per axis, velocities ~ N(0, speed^2). */
      readonly spread: number;
      readonly speed: number;
      /** Half-width of the reflecting box that holds the particles. */
      readonly bound: number;
    };

/** An impassable fixed object (spec A3.3, A4.4) with restitution e in [0, 1]. */
export type ObstacleSpec =
  | { readonly kind: 'sphere'; readonly centre: readonly number[]; readonly radius: number; readonly restitution: number }
  | { readonly kind: 'box'; readonly min: readonly number[]; readonly max: readonly number[]; readonly restitution: number };

/** Hard-core exclusion between agents (spec A3.2, A4.4): no two agents closer than `radius`. */
export type ExclusionSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'hard'; readonly radius: number; readonly restitution: number };

export interface SpaceParams {
  readonly trails: TrailSpec;
  readonly particles: ParticleSpec;
  readonly obstacles: readonly ObstacleSpec[];
  readonly exclusion: ExclusionSpec;
}

/** Everything off. */
export function defaultSpaceParams(): SpaceParams {
  return { trails: { kind: 'none' }, particles: { kind: 'none' }, obstacles: [], exclusion: { kind: 'none' } };
}

/** True when any mechanism is on. */
export function spaceEnabled(p: SpaceParams): boolean {
  return p.trails.kind !== 'none' || p.particles.kind !== 'none' || p.obstacles.length > 0 || p.exclusion.kind !== 'none';
}

/** Trails with documented defaults, overridable per property. */
export function trailSpec(overrides: Partial<Omit<Extract<TrailSpec, { kind: 'deposits' }>, 'kind'>> = {}): TrailSpec {
  return { kind: 'deposits', interval: 0.5, amount: 1, width: 0.15, decay: 0.05, coupling: 0.02, capacity: 256, shared: true, ...overrides };
}

/** Passive particles with documented defaults, overridable per property. */
export function particleSpec(overrides: Partial<Omit<Extract<ParticleSpec, { kind: 'passive' }>, 'kind'>> = {}): ParticleSpec {
  return { kind: 'passive', count: 64, massMin: 0.5, massMax: 2, drag: 0.1, windGain: 1, spread: 0.8, speed: 0.05, bound: 1, ...overrides };
}

/** Validates params.space for a world of `dims` axes (typed errors naming the field). */
export function checkSpaceParams(p: SpaceParams, dims: number): void {
  if (p === null || typeof p !== 'object') throw new InvalidParameterError('space must be an object', 'pass defaultSpaceParams() or omit it');
  for (const key of ['trails', 'particles', 'obstacles', 'exclusion'] as const) {
    if (p[key] === undefined) throw new InvalidParameterError(`space.${key} is missing`, 'spread defaultSpaceParams() first: { ...defaultSpaceParams(), trails: trailSpec() }');
  }
  const t = p.trails;
  if (t.kind === 'deposits') {
    positive('space.trails.interval', t.interval);
    finite('space.trails.amount', t.amount);
    positive('space.trails.width', t.width);
    nonNegative('space.trails.decay', t.decay);
    finite('space.trails.coupling', t.coupling);
    integer('space.trails.capacity', t.capacity, 1);
    if (typeof t.shared !== 'boolean') throw new InvalidParameterError('space.trails.shared must be a boolean', 'true: shared field history; false: individual memory');
  } else if (t.kind !== 'none') {
    throw new InvalidParameterError("space.trails.kind must be 'none' or 'deposits'", 'use trailSpec() for defaults');
  }
  const q = p.particles;
  if (q.kind === 'passive') {
    integer('space.particles.count', q.count, 0);
    positive('space.particles.massMin', q.massMin);
    positive('space.particles.massMax', q.massMax);
    if (q.massMax < q.massMin) throw new InvalidParameterError('space.particles.massMax must be >= massMin', 'swap the two values');
    nonNegative('space.particles.drag', q.drag);
    finite('space.particles.windGain', q.windGain);
    nonNegative('space.particles.spread', q.spread);
    nonNegative('space.particles.speed', q.speed);
    positive('space.particles.bound', q.bound);
    if (q.spread > q.bound) throw new InvalidParameterError('space.particles.spread must be <= bound', 'start the particles inside their box');
  } else if (q.kind !== 'none') {
    throw new InvalidParameterError("space.particles.kind must be 'none' or 'passive'", 'use particleSpec() for defaults');
  }
  if (!Array.isArray(p.obstacles)) throw new InvalidParameterError('space.obstacles must be an array', 'pass [] for none');
  p.obstacles.forEach((o, i) => checkObstacle(o, i, dims));
  const x = p.exclusion;
  if (x.kind === 'hard') {
    positive('space.exclusion.radius', x.radius);
    restitution('space.exclusion.restitution', x.restitution);
  } else if (x.kind !== 'none') {
    throw new InvalidParameterError("space.exclusion.kind must be 'none' or 'hard'", "e.g. { kind: 'hard', radius: 0.1, restitution: 1 }");
  }
}

function checkObstacle(o: ObstacleSpec, i: number, dims: number): void {
  const name = `space.obstacles[${i}]`;
  restitution(`${name}.restitution`, o.restitution);
  if (o.kind === 'sphere') {
    axes(`${name}.centre`, o.centre, dims);
    positive(`${name}.radius`, o.radius);
  } else if (o.kind === 'box') {
    axes(`${name}.min`, o.min, dims);
    axes(`${name}.max`, o.max, dims);
    o.min.forEach((lo, k) => {
      if (!((o.max[k] as number) > lo)) throw new InvalidParameterError(`${name}.max[${k}] must be > min[${k}]`, 'give the box a positive extent on every axis');
    });
  } else {
    throw new InvalidParameterError(`${name}.kind must be 'sphere' or 'box'`, "e.g. { kind: 'sphere', centre: [0, 0], radius: 0.2, restitution: 1 }");
  }
}

function axes(name: string, xs: readonly number[], dims: number): void {
  if (!Array.isArray(xs) || xs.length !== dims) throw new InvalidParameterError(`${name} must have one entry per axis (${dims})`, `pass an array of length ${dims}`);
  xs.forEach((x, k) => finite(`${name}[${k}]`, x));
}
function restitution(name: string, e: number): void {
  if (!(e >= 0 && e <= 1)) throw new InvalidParameterError(`${name} must be in [0, 1], got ${e}`, '1 is elastic, 0 is perfectly inelastic');
}
function finite(name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidParameterError(`${name} must be a finite number`, `check ${name}`);
}
function positive(name: string, x: number): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new InvalidParameterError(`${name} must be > 0, got ${x}`, `check ${name}`);
}
function nonNegative(name: string, x: number): void {
  if (!(x >= 0) || !Number.isFinite(x)) throw new InvalidParameterError(`${name} must be >= 0, got ${x}`, `check ${name}`);
}
function integer(name: string, x: number, min: number): void {
  if (!Number.isInteger(x) || x < min) throw new InvalidParameterError(`${name} must be an integer >= ${min}, got ${x}`, `check ${name}`);
}
