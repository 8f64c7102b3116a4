import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from '../src/index.js';
import { conservativeParams, harmonicWorld, maxCoordinate, measureEnergy, verletHarmonicMaxError } from './scenarios.js';

const DT = 0.01;

test('conservative 8-D world: energy error within 2 (omega_max dt)^2 and no secular drift (short run)', () => {
  const world = createWorld(conservativeParams(), 7);
  const run = measureEnergy(world, 10_000, DT, 5);
  const bound = 2 * (run.omegaMax * DT) ** 2;
  assert.ok(run.maxRelError <= bound, `max rel error ${run.maxRelError} > bound ${bound}`);
  assert.ok(run.drift <= 1e-5, `drift ${run.drift}`);
  assert.ok(Math.abs(run.e0) > 0.1, 'E0 must be far from zero for a relative measure');
  assert.ok(maxCoordinate(world) < 2, 'the agents stay bound to the wells');
});

test('energy error is second order: 10x smaller dt gives about 100x smaller error', () => {
  const totalSec = 20;
  const coarse = measureEnergy(createWorld(conservativeParams(), 3), totalSec / 0.01, 0.01);
  const fine = measureEnergy(createWorld(conservativeParams(), 3), totalSec / 0.001, 0.001, 10);
  const ratio = coarse.maxRelError / fine.maxRelError;
  assert.ok(ratio > 70 && ratio < 140, `ratio ${ratio} (coarse ${coarse.maxRelError}, fine ${fine.maxRelError})`);
});

test('harmonic oscillator: max relative energy error equals (omega dt)^2 / 4 within 5%, no drift', () => {
  const expected = verletHarmonicMaxError(1, DT);
  assert.ok(Math.abs(expected - 2.5e-5) < 1e-12);
  const run = measureEnergy(harmonicWorld(1), 30_000, DT);
  assert.ok(Math.abs(run.maxRelError / expected - 1) <= 0.05, `max rel error ${run.maxRelError}, expected ${expected}`);
  // No secular drift: the error envelope (largest |error| in the first and in the last 10%) does not grow.
  // (Window means are a poorer measure here: a window holds a non-integer number of energy periods.)
  assert.ok(Math.abs(run.envelopeLast - run.envelopeFirst) < 1e-3 * expected, `envelope ${run.envelopeFirst} -> ${run.envelopeLast}`);
});

test('symplectic Euler option is first order (error ~10x smaller for 10x smaller dt)', () => {
  const params = { ...conservativeParams(), integrator: 'symplectic-euler' as const };
  const coarse = measureEnergy(createWorld(params, 3), 1000, 0.01);
  const fine = measureEnergy(createWorld(params, 3), 10_000, 0.001, 10);
  const ratio = coarse.maxRelError / fine.maxRelError;
  assert.ok(ratio > 5 && ratio < 20, `ratio ${ratio}`);
});

test('agent-agent forces only: total momentum constant to 1e-12 relative', () => {
  const params = { ...conservativeParams(), wells: [], boundary: { kind: 'none' as const }, agentCount: 6, pairwise: { gravity: 0.2, softening: 0.1 } };
  const world = createWorld(params, 11);
  const p0 = world.momentum();
  const norm0 = Math.hypot(...p0);
  assert.ok(norm0 > 0.1);
  world.run(20_000, DT);
  const p1 = world.momentum();
  const diff = Math.hypot(...p1.map((x, k) => x - (p0[k] as number)));
  assert.ok(diff / norm0 <= 1e-12, `relative momentum change ${diff / norm0}`);
});
