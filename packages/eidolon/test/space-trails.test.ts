import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createWorld, defaultSpaceParams, restoreWorld, trailSpec } from '../src/index.js';
import type { TrailSpec, World, WorldParamsInput, WorldSnapshot } from '../src/index.js';

const DT = 0.01;

/** A quiet 2-D world (no wind, walls, pair forces or damping) with trails and fixed agents. */
function quiet(trails: TrailSpec, agents: { position: number[]; velocity?: number[] }[]): World {
  const p: WorldParamsInput = {
    dims: 2,
    agentCount: 0,
    damping: [0, 0],
    wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0 },
    pairwise: { gravity: 0, softening: 0.2 },
    boundary: { kind: 'none' },
    internalEnergy: { initial: 1, leakRate: 0 },
    space: { ...defaultSpaceParams(), trails },
  };
  return createWorld(p, 1, agents.map((a) => ({ position: a.position, velocity: a.velocity ?? [0, 0] })));
}

test('deposits: each agent deposits once per interval (on the step nearest the boundary), height a0 at its position', () => {
  const world = quiet(trailSpec({ interval: 0.5, amount: 2, decay: 0, coupling: 0, capacity: 8 }), [{ position: [0.25, -0.5] }]);
  const t = world.space?.trails;
  assert.ok(t !== undefined && t !== null);
  world.run(49, DT);
  assert.equal(t.held, 0, 'no deposit before the first interval');
  world.run(1, DT);
  assert.equal(t.held, 1);
  assert.equal(t.valueAt(new Float64Array([0.25, -0.5]), 0, 0), 2);
  world.run(150, DT);
  assert.equal(t.made, 4);
});

test('trail decay: one deposit decays as exp(-lambda t) to 1e-12 relative', () => {
  const lambda = 0.3;
  const interval = 5;
  const world = quiet(trailSpec({ interval, amount: 2, decay: lambda, coupling: 0, capacity: 8 }), [{ position: [0, 0] }]);
  const steps = Math.round(interval / DT);
  world.run(steps, DT);
  const t = world.space?.trails;
  assert.ok(t !== undefined && t !== null);
  assert.equal(t.held, 1, 'one deposit after one interval');
  assert.equal(t.strength(), 2);
  world.run(300, DT); // 3 s later, before the next deposit
  const expected = 2 * Math.exp(-lambda * 300 * DT);
  assert.ok(Math.abs(t.strength() / expected - 1) < 1e-12, `${t.strength()} vs ${expected}`);
  assert.equal(t.held, 1);
});

test('trail sign: coupling > 0 pushes a resting agent away from a deposit, coupling < 0 pulls it in', () => {
  for (const coupling of [0.05, -0.05]) {
    const world = quiet(trailSpec({ interval: 100, amount: 1, width: 0.15, decay: 0, coupling, shared: true }), [
      { position: [0, 0] },
      { position: [0.1, 0] },
    ]);
    world.run(Math.round(100 / DT), DT); // both deposit once, at their (resting) positions
    world.placeAgent(0, [-5, 0], [0, 0]); // move agent 0 out of the way; its deposit stays at the origin
    world.placeAgent(1, [0.12, 0], [0, 0]); // 0.12 from agent 0's deposit, 0.02 from its own
    world.run(50, DT);
    const x = world.agent(1).position[0] as number;
    // Agent 1's own deposit at 0.1 and agent 0's at 0 both lie on the -x side: repulsion pushes +x.
    if (coupling > 0) assert.ok(x > 0.12, `repelled: x = ${x}`);
    else assert.ok(x < 0.12, `attracted: x = ${x}`);
  }
});

test('individual trails: an agent does not feel another agent\'s trail; shared: it does', () => {
  const forceOn = (shared: boolean): number => {
    const world = quiet(trailSpec({ interval: 100, amount: 1, width: 0.15, decay: 0, coupling: 0.05, shared }), [
      { position: [0, 0] },
      { position: [3, 0] },
    ]);
    world.run(Math.round(100 / DT), DT);
    world.placeAgent(1, [0.1, 0], [0, 0]);
    world.run(20, DT);
    return (world.agent(1).position[0] as number) - 0.1;
  };
  assert.equal(forceOn(false), 0, 'own trail is far away: no force');
  assert.ok(forceOn(true) > 1e-6, 'shared: pushed away from agent 0\'s deposit');
});

test('property: with trails on (either sign, shared or not) the ledger closes and internal energy closes exactly', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: -0.02, max: 0.02, noNaN: true }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.boolean(),
      (seed, agents, coupling, decay, shared) => {
        const world = createWorld(
          {
            agentCount: agents,
            wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0), strength: 0.2, softening: 0.4 }],
            space: { ...defaultSpaceParams(), trails: trailSpec({ interval: 0.2, width: 0.2, coupling, decay, capacity: 64, shared }) },
          },
          seed,
        );
        world.run(400, DT);
        const r = world.ledger();
        assert.ok((r.space?.trails?.made ?? 0) > 0);
        assert.ok(Math.abs(r.externalWork.trail - (r.space?.trails?.decayWork ?? 0) - (r.space?.trails?.depositWork ?? 0)) <= 1e-12 * (1 + Math.abs(r.externalWork.trail)));
        const scale = Math.abs(r.mechanical0) + Math.abs(r.externalWork.total) + r.heat.total + Math.abs(r.effort);
        assert.ok(Math.abs(r.numericalError) <= 1e-3 * scale, `error ${r.numericalError} vs scale ${scale}`);
        const internal = r.internal - r.internal0 - r.heat.total + r.effort + r.leak;
        assert.ok(Math.abs(internal) <= 1e-12 * Math.max(1, r.internal0 + r.heat.total));
      },
    ),
    { numRuns: 15, seed: 20261207 },
  );
});

test('trails: same seed gives the same hash; snapshot -> JSON -> restore continues bit-identically', () => {
  const p: WorldParamsInput = { agentCount: 3, space: { ...defaultSpaceParams(), trails: trailSpec({ interval: 0.1, capacity: 16 }) } };
  const a = createWorld(p, 9);
  const b = createWorld(p, 9);
  a.run(500, DT);
  b.run(500, DT);
  assert.equal(a.stateHash(), b.stateHash());
  const c = restoreWorld(JSON.parse(JSON.stringify(a.snapshot())) as WorldSnapshot);
  assert.equal(c.stateHash(), a.stateHash());
  a.run(300, DT);
  c.run(300, DT);
  assert.equal(c.stateHash(), a.stateHash());
  const other = createWorld(p, 10);
  other.run(500, DT);
  assert.notEqual(other.stateHash(), b.stateHash());
});
