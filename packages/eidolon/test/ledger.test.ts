import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blobField, createWorld } from '../src/index.js';
import type { WorldEvent } from '../src/index.js';
import { drivenParams } from './scenarios.js';

const DT = 0.01;

test('with damping, wind, drives, language spring, impulses and a field: the ledger closes to 1e-4 (W_ext + D)', () => {
  const world = createWorld({ ...drivenParams(), fields: [blobField({ decay: 0.1, diffusion: 0.02, coupling: -0.5 })] }, 5);
  const violations: WorldEvent[] = [];
  world.onEvent((e) => {
    if (e.kind === 'ledger-violation') violations.push(e);
  });
  world.setDrive(0, { power: 0.05, minSpeed: 0.02, paidFrom: 'external' });
  world.setDrive(1, { power: 0.01, minSpeed: 0.02, paidFrom: 'internal' });
  for (let i = 0; i < 20; i++) {
    if (i % 5 === 0) world.setLanguageTarget(0, new Array<number>(8).fill(0.3 * Math.sin(i)), 1.5, 2);
    if (i % 3 === 0) world.applyImpulse(1, [0.1, -0.05, 0, 0.02, 0, 0, 0, 0.3]);
    world.addSource(0, { centre: new Array<number>(8).fill(0.1 * (i % 4)), mass: 0.2, width: 0.3 });
    world.run(1000, DT);
  }
  const r = world.ledger();
  const wExt = r.externalWork.total;
  const dissipated = r.heat.total;
  assert.ok(r.externalWork.drive > 1 && r.effort > 0.1 && r.externalWork.language !== 0 && r.externalWork.field !== 0);
  assert.ok(Math.abs(r.numericalError) <= 1e-4 * (Math.abs(wExt) + dissipated), `error ${r.numericalError} vs W ${wExt} D ${dissipated}`);
  assert.equal(violations.length, 0);
  // Internal energy closes exactly: E_int = E_int0 + heat - effort - leak.
  const internalResidual = r.internal - r.internal0 - dissipated + r.effort + r.leak;
  assert.ok(Math.abs(internalResidual) < 1e-10, `internal residual ${internalResidual}`);
  // Field mass closes exactly: M = M0 + injected - decayed - dropped.
  const f = r.fields[0]!;
  assert.ok(Math.abs(f.mass - f.mass0 - f.massInjected + f.massDecayed + f.massDropped) < 1e-12);
  assert.ok(f.energyDissipated > 0, 'diffusion and decay dissipate field energy');
});

test('a ledger violation is flagged when the tolerance is exceeded (dt far too large)', () => {
  const world = createWorld({ ...drivenParams(), ledger: { checkEvery: 10, tolerance: 1e-9 } }, 5);
  let flagged = 0;
  world.onEvent((e) => {
    if (e.kind === 'ledger-violation') flagged++;
  });
  world.run(100, 0.2);
  assert.ok(flagged > 0);
  assert.equal(world.ledger().violations, flagged);
});

test('the acceleration clamp limits |a| and books what it removes, so the ledger still closes', () => {
  const world = createWorld({ ...drivenParams(), wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 1 }, maxAcceleration: 0.05 }, 9);
  world.run(5000, DT);
  const r = world.ledger();
  assert.ok(r.externalWork.clamp !== 0, 'the clamp was active');
  assert.ok(Math.abs(r.numericalError) <= 1e-4 * (Math.abs(r.externalWork.total) + r.heat.total + Math.abs(r.mechanical0)));
});

test('impulses are bounded by maxImpulse and their kinetic energy is booked exactly', () => {
  const world = createWorld({ dims: 2, agentCount: 1, maxImpulse: 0.5, wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 1 } }, 1);
  const k0 = world.kineticEnergy();
  const { applied, work } = world.applyImpulse(0, [3, 4]);
  assert.ok(Math.abs(Math.hypot(...applied) - 0.5) < 1e-15);
  assert.ok(Math.abs(world.kineticEnergy() - k0 - work) < 1e-15);
  assert.equal(world.ledger().externalWork.impulse, work);
});
