import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, defaultSpaceParams, particleSpec, restoreWorld } from '../src/index.js';
import type { ObstacleSpec, WorldParamsInput, WorldSnapshot } from '../src/index.js';

const DT = 0.01;
const ball: ObstacleSpec = { kind: 'sphere', centre: [0.2, -0.1], radius: 0.3, restitution: 0.5 };

function params(drag: number): WorldParamsInput {
  return {
    dims: 2,
    agentCount: 1,
    wind: { amplitude: 0.3, spatialFrequency: 2, timeFrequency: 0.5 },
    space: { ...defaultSpaceParams(), particles: particleSpec({ count: 48, drag, speed: 0.3 }), obstacles: [ball] },
  };
}

test('particles: own ledger K + E_int = K0 + E_int0 + W_wind closes to round-off; they stay in their box and out of obstacles', () => {
  for (const drag of [0, 0.5]) {
    const world = createWorld(params(drag), 3);
    const ps = world.space?.particles;
    assert.ok(ps !== undefined && ps !== null);
    for (let step = 0; step < 1500; step++) {
      world.step(DT);
      if (step % 50 !== 0) continue;
      for (let p = 0; p < ps.count; p++) {
        const x = ps.x[2 * p] as number;
        const y = ps.x[2 * p + 1] as number;
        assert.ok(Math.abs(x) <= 1 && Math.abs(y) <= 1, `particle ${p} outside the box: ${x}, ${y}`);
        assert.ok(Math.hypot(x - 0.2, y + 0.1) >= 0.3 * (1 - 1e-9), `particle ${p} inside the obstacle`);
      }
    }
    const l = world.ledger().space?.particles;
    assert.ok(l !== undefined && l !== null);
    assert.ok(Math.abs(l.windWork) > 1e-3, `the wind must do work (${l.windWork})`);
    assert.ok(l.collisionHeat > 0, 'some inelastic bounces off the obstacle');
    if (drag > 0) assert.ok(l.dragHeat > 0);
    else assert.equal(l.dragHeat, 0);
    const scale = l.kinetic0 + Math.abs(l.windWork) + l.dragHeat + l.collisionHeat;
    assert.ok(Math.abs(l.error) <= 1e-12 * scale, `particle ledger error ${l.error} (scale ${scale})`);
  }
});

test('particles are passive: the agents move exactly as without them (same seed)', () => {
  const withP = createWorld(params(0.5), 8);
  const without = createWorld({ ...params(0.5), space: { ...defaultSpaceParams(), obstacles: [ball] } }, 8);
  withP.run(500, DT);
  without.run(500, DT);
  assert.deepEqual(withP.agent(0).position, without.agent(0).position);
});

test('particles: same seed gives the same hash, another seed differs; snapshot -> restore continues bit-identically', () => {
  const a = createWorld(params(0.2), 21);
  const b = createWorld(params(0.2), 21);
  const c = createWorld(params(0.2), 22);
  a.run(300, DT);
  b.run(300, DT);
  c.run(300, DT);
  assert.equal(a.stateHash(), b.stateHash());
  assert.notEqual(a.stateHash(), c.stateHash());
  const r = restoreWorld(JSON.parse(JSON.stringify(a.snapshot())) as WorldSnapshot);
  assert.equal(r.stateHash(), a.stateHash());
  a.run(200, DT);
  r.run(200, DT);
  assert.equal(r.stateHash(), a.stateHash());
  assert.deepEqual(r.ledger().space, a.ledger().space);
});
