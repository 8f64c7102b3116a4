/** The benchmark scenario: 8-D, six Plummer wells, simplex wind, pair gravity, damping, soft walls. */
import { createWorld, deriveStream } from '../src/index.js';
import type { World, WorldParamsInput, WellSpec } from '../src/index.js';

export const BENCH_DIMS = 8;
export const BENCH_WELLS = 6;
export const BENCH_DT = 0.01;

export function benchParams(agentCount: number): WorldParamsInput {
  const rnd = deriveStream(2024, 'bench-wells');
  const wells: WellSpec[] = [];
  for (let w = 0; w < BENCH_WELLS; w++) {
    const centre = Array.from({ length: BENCH_DIMS }, () => 0.8 * (2 * rnd.nextFloat() - 1));
    wells.push({ kind: 'plummer', centre, strength: w % 3 === 2 ? -0.1 : 0.3, softening: 0.3 });
  }
  return {
    dims: BENCH_DIMS,
    agentCount,
    wells,
    massGrowth: new Array<number>(BENCH_DIMS).fill(0),
    wind: { amplitude: 0.05, spatialFrequency: 1, timeFrequency: 0.1 },
    pairwise: { gravity: 0.05, softening: 0.2 },
  };
}

export function benchWorld(agentCount: number, seed = 1): World {
  return createWorld(benchParams(agentCount), seed);
}
