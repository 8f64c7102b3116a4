/**
 * Acceptance scenarios shared by the tests (short runs) and scripts/acceptance.ts (long runs).
 * Each returns measured numbers; the callers compare them with the criteria.
 */
import { createWorld } from '../src/index.js';
import type { World, WorldParamsInput } from '../src/index.js';

const DIMS = 8;
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/**
 * 8-D, 4 agents, two Plummer wells, pair gravity and the (conservative) soft walls at |x_k| = 1.5,
 * which keep an agent ejected by a three-body encounter inside; no damping, wind or fields.
 */
export function conservativeParams(): WorldParamsInput {
  const c1 = zeros(DIMS);
  c1[0] = 0.4;
  const c2 = zeros(DIMS);
  c2[1] = -0.4;
  return {
    dims: DIMS,
    agentCount: 4,
    damping: zeros(DIMS),
    massGrowth: zeros(DIMS),
    wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0.1 },
    boundary: { kind: 'soft', halfWidth: 1.5, stiffness: 20 },
    pairwise: { gravity: 0.05, softening: 0.2 },
    wells: [
      { kind: 'plummer', centre: c1, strength: 0.5, softening: 0.3 },
      { kind: 'plummer', centre: c2, strength: 0.4, softening: 0.3 },
    ],
    initialSpread: 0.5,
    initialSpeed: 0.02,
    internalEnergy: { initial: 0, leakRate: 0 },
    ledger: { checkEvery: 1_000_000_000, tolerance: 1 },
  };
}

export interface EnergyRun {
  readonly e0: number;
  /** max |E - E0| / |E0| over the run. */
  readonly maxRelError: number;
  /** |mean rel. error of the last 10% - mean of the first 10%| (secular drift). */
  readonly drift: number;
  /** Largest |rel. error| within the first and within the last 10% (the error envelope). */
  readonly envelopeFirst: number;
  readonly envelopeLast: number;
  readonly omegaMax: number;
  readonly steps: number;
}

/** Runs a world that should conserve mechanical energy and records its relative error. */
export function measureEnergy(world: World, steps: number, dtSec: number, sampleEvery = 1): EnergyRun {
  const e0 = world.mechanicalEnergy();
  const window = Math.max(1, Math.floor(steps / 10));
  let maxRel = 0;
  let first = 0;
  let last = 0;
  let nFirst = 0;
  let nLast = 0;
  let envFirst = 0;
  let envLast = 0;
  for (let i = 1; i <= steps; i++) {
    world.step(dtSec);
    if (i % sampleEvery !== 0) continue;
    const rel = (world.mechanicalEnergy() - e0) / Math.abs(e0);
    maxRel = Math.max(maxRel, Math.abs(rel));
    if (i <= window) {
      first += rel;
      nFirst++;
      envFirst = Math.max(envFirst, Math.abs(rel));
    } else if (i > steps - window) {
      last += rel;
      nLast++;
      envLast = Math.max(envLast, Math.abs(rel));
    }
  }
  return {
    e0,
    maxRelError: maxRel,
    drift: Math.abs(last / Math.max(1, nLast) - first / Math.max(1, nFirst)),
    envelopeFirst: envFirst,
    envelopeLast: envLast,
    omegaMax: world.omegaMax(),
    steps,
  };
}

/** 1-D harmonic oscillator (omega = sqrt(K/m)) started at its turning point x0 = 1. */
export function harmonicWorld(omega: number): World {
  return createWorld(
    {
      dims: 1,
      agentCount: 0,
      masses: [1],
      massGrowth: [0],
      damping: [0],
      wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 1 },
      boundary: { kind: 'none' },
      wells: [{ kind: 'harmonic', centre: [0], stiffness: omega * omega }],
      internalEnergy: { initial: 0, leakRate: 0 },
      ledger: { checkEvery: 1_000_000_000, tolerance: 1 },
    },
    1,
    [{ position: [1], velocity: [0] }],
  );
}

/**
 * Velocity Verlet on x'' = -w^2 x conserves H~ = v^2/2 + (w^2 x^2 / 2)(1 - (w h)^2 / 4) exactly.
 * Started at rest at x0, E0 = H~ + (w h)^2/4 * w^2 x0^2 / 2 is the largest energy and the smallest
 * (at x = 0) is H~, so the largest relative error is exactly (w h)^2 / 4.
 */
export function verletHarmonicMaxError(omega: number, dtSec: number): number {
  return (omega * dtSec) ** 2 / 4;
}

/** 8-D world with damping, wind, a constant-power drive and a language spring: ledger closure. */
export function drivenParams(): WorldParamsInput {
  const centre = zeros(DIMS);
  return {
    dims: DIMS,
    agentCount: 2,
    wells: [{ kind: 'plummer', centre, strength: 0.3, softening: 0.3 }],
    wind: { amplitude: 0.2, spatialFrequency: 1, timeFrequency: 0.5 },
    ledger: { checkEvery: 1000, tolerance: 1e-3 },
  };
}

/** Largest |x_k| over all agents (to check a scenario stays bound). */
export function maxCoordinate(world: World): number {
  let m = 0;
  for (let i = 0; i < world.agentCount; i++) for (const x of world.agent(i).position) m = Math.max(m, Math.abs(x));
  return m;
}
