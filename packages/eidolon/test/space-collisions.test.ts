import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidParameterError, createWorld, defaultSpaceParams } from '../src/index.js';
import type { ExclusionSpec, ObstacleSpec, World, WorldParamsInput } from '../src/index.js';

const DT = 0.01;

/** No forces at all in 2-D (free flight), so collisions are the only thing that changes velocities. */
function freeWorld(space: Partial<ReturnType<typeof defaultSpaceParams>>, agents: { position: number[]; velocity: number[]; masses?: number[] }[], dims = 2): World {
  const p: WorldParamsInput = {
    dims,
    agentCount: 0,
    damping: new Array<number>(dims).fill(0),
    massGrowth: new Array<number>(dims).fill(0),
    masses: new Array<number>(dims).fill(1),
    wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0 },
    pairwise: { gravity: 0, softening: 0.2 },
    boundary: { kind: 'none' },
    internalEnergy: { initial: 0, leakRate: 0 },
    space: { ...defaultSpaceParams(), ...space },
  };
  return createWorld(p, 1, agents);
}

function insideSphere(p: readonly number[], o: Extract<ObstacleSpec, { kind: 'sphere' }>): boolean {
  return Math.hypot(...p.map((x, k) => x - (o.centre[k] as number))) < o.radius * (1 - 1e-9);
}
function insideBox(p: readonly number[], o: Extract<ObstacleSpec, { kind: 'box' }>): boolean {
  return p.every((x, k) => x > (o.min[k] as number) + 1e-9 && x < (o.max[k] as number) - 1e-9);
}

test('e = 1: a head-on wall bounce reverses the normal velocity and conserves kinetic energy exactly', () => {
  const wall: ObstacleSpec = { kind: 'box', min: [0.5, -10], max: [2, 10], restitution: 1 };
  const world = freeWorld({ obstacles: [wall] }, [{ position: [0, 0], velocity: [1, 0.3], masses: [2, 3] }]);
  const k0 = world.kineticEnergy();
  world.run(100, DT);
  const a = world.agent(0);
  assert.equal(a.velocity[0], -1);
  assert.equal(a.velocity[1], 0.3);
  assert.ok(Math.abs(world.kineticEnergy() - k0) <= 1e-15 * k0);
  // It reached the wall at t = 0.5 s and flew back for 0.5 s: x = 0 again (exact free flight).
  assert.ok(Math.abs((a.position[0] as number) - 0) < 1e-12, `x = ${a.position[0]}`);
  assert.equal(world.ledger().space?.collisions.bounces, 1);
});

test('e < 1 on a sphere: normal speed becomes e u, the lost (1 - e^2) m u^2 / 2 is booked as heat in E_int', () => {
  const e = 0.6;
  const ball: ObstacleSpec = { kind: 'sphere', centre: [1, 0], radius: 0.5, restitution: e };
  const world = freeWorld({ obstacles: [ball] }, [{ position: [0, 0], velocity: [1, 0], masses: [2, 2] }]);
  world.run(100, DT);
  const a = world.agent(0);
  assert.ok(Math.abs((a.velocity[0] as number) + e) < 1e-12, `v = ${a.velocity[0]}`);
  const lost = 0.5 * 2 * (1 - e * e);
  const r = world.ledger();
  assert.ok(Math.abs(r.heat.collision - lost) < 1e-12, `heat ${r.heat.collision} vs ${lost}`);
  assert.ok(Math.abs(r.internal - lost) < 1e-12);
  assert.ok(Math.abs(r.numericalError) < 1e-12);
});

test('property: agents in a 2-D bowl never end a step inside an obstacle; the ledger closes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 6 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0.05, max: 0.3, noNaN: true }),
      (seed, agents, e, radius) => {
        const sphere = { kind: 'sphere' as const, centre: [0.3, 0.2], radius, restitution: e };
        const box = { kind: 'box' as const, min: [-0.6, -0.6], max: [-0.3, -0.2], restitution: 1 - e };
        const world = createWorld(
          {
            dims: 2,
            agentCount: agents,
            initialSpeed: 0.4,
            damping: [0.05, 0.05],
            wells: [{ kind: 'harmonic', centre: [0, 0], stiffness: 0.5 }],
            space: { ...defaultSpaceParams(), obstacles: [sphere, box] },
          },
          seed,
        );
        for (let step = 0; step < 1000; step++) {
          world.step(DT);
          for (let i = 0; i < agents; i++) {
            const p = world.agent(i).position;
            assert.ok(!insideSphere(p, sphere) && !insideBox(p, box), `agent ${i} inside at step ${step}: ${p.join(', ')}`);
          }
        }
        const r = world.ledger();
        const scale = Math.abs(r.mechanical0) + Math.abs(r.externalWork.total) + r.heat.total;
        assert.ok(Math.abs(r.numericalError) <= 1e-2 * scale, `error ${r.numericalError} vs scale ${scale}`);
        const internal = r.internal - r.internal0 - r.heat.total + r.effort + r.leak;
        assert.ok(Math.abs(internal) <= 1e-12 * Math.max(1, r.internal0 + r.heat.total));
      },
    ),
    { numRuns: 12, seed: 20261207 },
  );
});

test('an agent placed inside an obstacle is moved to its surface and the energy change is booked as placement', () => {
  const ball: ObstacleSpec = { kind: 'sphere', centre: [0, 0], radius: 0.5, restitution: 1 };
  const world = createWorld({ dims: 2, agentCount: 1, wells: [{ kind: 'harmonic', centre: [0.2, 0], stiffness: 1 }], space: { ...defaultSpaceParams(), obstacles: [ball] } }, 4);
  world.placeAgent(0, [0.1, 0]);
  assert.deepEqual(world.agent(0).position, [0.5, 0]);
  assert.ok(world.ledger().externalWork.placement !== 0);
  assert.ok(Math.abs(world.ledger().numericalError) < 1e-12);
});

test('exclusion e = 1, equal masses: a head-on pair exchanges velocities; momentum and kinetic energy conserved', () => {
  const world = freeWorld({ exclusion: { kind: 'hard', radius: 0.2, restitution: 1 } }, [
    { position: [0, 0], velocity: [1, 0] },
    { position: [1, 0], velocity: [-0.5, 0] },
  ]);
  const k0 = world.kineticEnergy();
  world.run(100, DT);
  assert.ok(Math.abs((world.agent(0).velocity[0] as number) + 0.5) < 1e-12);
  assert.ok(Math.abs((world.agent(1).velocity[0] as number) - 1) < 1e-12);
  assert.ok(Math.abs(world.kineticEnergy() - k0) < 1e-12);
  assert.ok(Math.abs((world.momentum()[0] as number) - 0.5) < 1e-12);
});

/** 2 dims boxes walling in the cube [-1, 1]^dims (restitution e). */
function arena(dims: number, e: number): ObstacleSpec[] {
  const walls: ObstacleSpec[] = [];
  for (let k = 0; k < dims; k++) {
    for (const side of [-1, 1]) {
      const min = new Array<number>(dims).fill(-2);
      const max = new Array<number>(dims).fill(2);
      if (side < 0) max[k] = -1;
      else min[k] = 1;
      walls.push({ kind: 'box', min, max, restitution: e });
    }
  }
  return walls;
}

test('property: hard-core agents with random per-axis masses never come closer than R; free: momentum conserved; walled: energy closes exactly', () => {
  let contacts = 0;
  let bounces = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 2, max: 8 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(2, 3, 8),
      fc.boolean(),
      (seed, count, e, dims, walled) => {
        const R = 0.15;
        const exclusion: ExclusionSpec = { kind: 'hard', radius: R, restitution: e };
        // No forces at all: between collisions the agents fly freely, so energy and momentum change
        // only in collisions (walls, when on, are boxes with the same restitution).
        const world = createWorld(
          {
            dims,
            agentCount: count,
            initialSpread: 0.15, // crowded: placement pushes overlapping agents apart, then they collide
            initialSpeed: 1,
            damping: new Array<number>(dims).fill(0),
            massGrowth: new Array<number>(dims).fill(0),
            masses: Array.from({ length: dims }, (_, k) => 1 + 0.5 * k),
            wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0 },
            boundary: { kind: 'none' },
            pairwise: { gravity: 0, softening: 0.2 },
            internalEnergy: { initial: 0, leakRate: 0 },
            space: { ...defaultSpaceParams(), exclusion, obstacles: walled ? arena(dims, e) : [] },
          },
          seed,
        );
        const p0 = world.momentum();
        const norm0 = Math.max(1e-3, Math.hypot(...p0));
        for (let step = 0; step < 300; step++) {
          world.step(DT);
          for (let i = 0; i < count; i++) {
            for (let j = i + 1; j < count; j++) {
              const a = world.agent(i).position;
              const b = world.agent(j).position;
              const d = Math.hypot(...a.map((x, k) => x - (b[k] as number)));
              // 1e-6: jams of several contacts against walls (e = 0) end within round-off-sized overlaps.
              assert.ok(d >= R * (1 - 1e-6), `agents ${i}, ${j} at distance ${d} at step ${step}`);
            }
          }
        }
        const r = world.ledger();
        contacts += r.space?.collisions.contacts ?? 0;
        bounces += r.space?.collisions.bounces ?? 0;
        if (!walled) {
          const p1 = world.momentum();
          const dp = Math.hypot(...p1.map((x, k) => x - (p0[k] as number)));
          assert.ok(dp / norm0 <= 1e-12, `momentum change ${dp} (|p0| ${norm0})`);
        }
        // K_end + heat = K_0 to round-off (no forces), the heat sits in E_int, and e = 1 makes none.
        assert.ok(Math.abs(r.numericalError) <= 1e-12 * r.mechanical0, `error ${r.numericalError} vs K0 ${r.mechanical0}`);
        if (e === 1) assert.ok(Math.abs(r.heat.collision) <= 1e-12 * r.mechanical0);
        else assert.ok(r.heat.collision >= 0);
        assert.ok(Math.abs(r.internal - r.internal0 - r.heat.total) <= 1e-12 * Math.max(1, r.heat.total));
      },
    ),
    { numRuns: 16, seed: 11 },
  );
  // The checks above must have been exercised: agent-agent contacts and wall bounces both occurred.
  assert.ok(contacts >= 20 && bounces >= 100, `the runs must collide (${contacts} contacts, ${bounces} wall bounces)`);
});

test('resting contacts (e = 0 under pair attraction): the ledger error is first order in dt (halves with dt)', () => {
  const errorAt = (dt: number): number => {
    const world = createWorld(
      {
        dims: 2, agentCount: 3, initialSpread: 0.6, initialSpeed: 0.5, damping: [0, 0], massGrowth: [0, 0], masses: [1, 1.5],
        wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0 }, boundary: { kind: 'none' }, pairwise: { gravity: 0.05, softening: 0.2 },
        internalEnergy: { initial: 0, leakRate: 0 }, space: { ...defaultSpaceParams(), exclusion: { kind: 'hard', radius: 0.15, restitution: 0 } },
      },
      2144337904,
    );
    world.run(Math.round(4 / dt), dt);
    return world.ledger().numericalError;
  };
  const coarse = errorAt(0.01);
  const fine = errorAt(0.005);
  assert.ok(Math.abs(coarse) > 1e-4, `the case must show the effect (${coarse})`);
  const ratio = coarse / fine;
  assert.ok(ratio > 1.6 && ratio < 2.4, `ratio ${ratio} (coarse ${coarse}, fine ${fine})`);
});

test('bad space parameters are refused with typed errors naming the field', () => {
  const bad: [unknown, RegExp][] = [
    [{ ...defaultSpaceParams(), obstacles: [{ kind: 'sphere', centre: [0], radius: 1, restitution: 1 }] }, /space\.obstacles\[0\]\.centre/],
    [{ ...defaultSpaceParams(), obstacles: [{ kind: 'sphere', centre: [0, 0], radius: 1, restitution: 1.5 }] }, /restitution must be in \[0, 1\]/],
    [{ ...defaultSpaceParams(), obstacles: [{ kind: 'box', min: [0, 0], max: [1, 0], restitution: 1 }] }, /max\[1\] must be > min\[1\]/],
    [{ ...defaultSpaceParams(), exclusion: { kind: 'hard', radius: 0, restitution: 1 } }, /space\.exclusion\.radius/],
    [{ trails: { kind: 'none' } }, /space\.particles is missing/],
    [{ ...defaultSpaceParams(), trails: { kind: 'deposits', interval: 0, amount: 1, width: 1, decay: 0, coupling: 0, capacity: 1, shared: true } }, /space\.trails\.interval/],
  ];
  for (const [space, message] of bad) {
    assert.throws(() => createWorld({ dims: 2, space: space as ReturnType<typeof defaultSpaceParams> }), (err: unknown) => err instanceof InvalidParameterError && message.test(err.message));
  }
});
