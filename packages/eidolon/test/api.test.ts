import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, gridField, EidolonError } from '../src/index.js';

const noWind = { amplitude: 0, spatialFrequency: 1, timeFrequency: 1 };

test('bad input gets a typed error naming the parameter', () => {
  assert.throws(() => createWorld({ dims: 0 }), { code: 'EIDOLON_INVALID_PARAMETER' });
  assert.throws(() => createWorld({ dims: 3, masses: [1, 2] }), /masses must have one entry per axis/);
  assert.throws(() => createWorld({ damping: [-1, 0, 0, 0, 0, 0, 0, 0] }), /damping\[0\]/);
  const world = createWorld({}, 1);
  assert.throws(() => world.applyImpulse(5, [0, 0, 0, 0, 0, 0, 0, 0]), { code: 'EIDOLON_UNKNOWN_AGENT' });
  assert.throws(() => world.step(0), { code: 'EIDOLON_INVALID_PARAMETER' });
  assert.throws(() => world.setLanguageTarget(0, [1], 1, 1), (e: unknown) => e instanceof EidolonError);
  assert.throws(() => createWorld({ dims: 2, fields: [gridField([8, 8, 8])] }), /3-D grid in a 2-D world/);
});

// The multilinear interpolant is only C0 (its gradient jumps at cell-centre lines), and the source
// makes a stiff well (omega ~ 10), so the integrator error is larger than with smooth forces: dt = 0.002.
test('a grid field drives a 2-D world and the ledger (with field work) still closes', () => {
  const world = createWorld(
    { dims: 2, agentCount: 3, wind: noWind, fields: [gridField([40, 40], { diffusion: 0.01, decay: 0.05, coupling: -1, spacing: 0.05, origin: [-1, -1] })] },
    4,
  );
  world.addSource(0, { centre: [0.2, -0.1], mass: 1, width: 0.2 });
  world.run(5000, 0.002);
  world.addSource(0, { centre: [-0.3, 0.3], mass: 0.5, width: 0 });
  world.run(5000, 0.002);
  const r = world.ledger();
  assert.ok(r.externalWork.field !== 0 && r.potential.field !== 0);
  assert.ok(r.relativeError < 2e-3, `relative error ${r.relativeError}`);
  const f = r.fields[0]!;
  assert.ok(Math.abs(f.mass - f.mass0 - f.massInjected + f.massDecayed) < 1e-12);
});

test('adding and placing agents books their energy as placement work', () => {
  const world = createWorld({ agentCount: 1, wind: noWind, wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0), strength: 0.5, softening: 0.3 }] }, 2);
  world.run(500, 0.01);
  const id = world.addAgent({ position: new Array<number>(8).fill(0.2), velocity: new Array<number>(8).fill(0.01) });
  assert.equal(id, 1);
  world.placeAgent(id, new Array<number>(8).fill(-0.3));
  world.run(500, 0.01);
  const r = world.ledger();
  assert.ok(r.externalWork.placement !== 0);
  assert.ok(r.relativeError < 1e-4, `relative error ${r.relativeError}`);
  assert.equal(world.agent(1).position.length, 8);
});

test('the language spring pulls towards its target and expires after its duration', () => {
  const world = createWorld({ dims: 2, agentCount: 0, wind: noWind, boundary: { kind: 'none' }, damping: [1, 1] }, 3, [{ position: [0, 0], velocity: [0, 0] }]);
  world.setLanguageTarget(0, [0.5, -0.5], 4, 30);
  world.run(3000, 0.01);
  const p = world.agent(0).position;
  assert.ok(Math.abs(p[0]! - 0.5) < 0.01 && Math.abs(p[1]! + 0.5) < 0.01, `position ${p}`);
  const w = world.ledger().externalWork.language;
  assert.ok(w > 0);
  world.run(100, 0.01);
  const w2 = world.ledger().externalWork.language;
  world.run(1000, 0.01);
  assert.equal(world.ledger().externalWork.language, w2, 'no language work after expiry');
});

test('the wind is continuous in space and time and bounded by its amplitude', () => {
  const world = createWorld({ wind: { amplitude: 0.1, spatialFrequency: 1, timeFrequency: 0.5 } }, 9);
  const x = [0.1, -0.2, 0.3, 0, 0.05, 0.4, -0.1, 0.2];
  const w0 = world.windAt(x, 1);
  const w1 = world.windAt(x.map((v) => v + 1e-6), 1 + 1e-6);
  const jump = Math.hypot(...w0.map((v, k) => v - w1[k]!));
  assert.ok(jump < 1e-5, `jump ${jump}`);
  assert.ok(w0.every((v) => Math.abs(v) <= 0.1));
  assert.ok(w0.some((v) => Math.abs(v) > 1e-4));
  const far = world.windAt(x.map((v) => v + 3), 1);
  assert.notDeepEqual(far, w0);
});

test('a world refuses a step above a rejecting grid field\'s bound before changing anything', () => {
  const world = createWorld({ dims: 2, agentCount: 2, fields: [gridField([20, 20], { diffusion: 1, spacing: 0.1, dtPolicy: 'reject' })] }, 5);
  world.run(10, 0.001);
  const hash = world.stateHash();
  assert.throws(() => world.step(0.01), { code: 'EIDOLON_UNSTABLE_STEP' });
  assert.equal(world.stateHash(), hash);
  world.step(0.001);
});
