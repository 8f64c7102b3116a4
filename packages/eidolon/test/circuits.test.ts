/**
 * The drive-level circuit model (spec A2.4, A2.3.5): the default model is bit-identical to before it
 * existed; with it on the ledger closes, runs are deterministic, circuit states stay in range and relax to
 * their rest levels, circuits 5-8 modulate their gains monotonically, the sites move X, and snapshots
 * carry the circuit state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CIRCUIT_LOWER, OtherMinds, applyScoredEvent, blobField, circuitGain, circuitStep, createWorld, driveLevelCircuits, restoreWorld,
  toInputEvent,
} from '../src/index.js';
import type { World, WorldParamsInput, WorldSnapshot } from '../src/index.js';

const DT = 0.01;
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** The fixed seeded run whose hash was recorded on main (commit 10f684f) before the circuit model existed. */
function baselineRun(extra: WorldParamsInput = {}): World {
  const w = createWorld(
    {
      agentCount: 3,
      wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0.1), strength: 0.3, softening: 0.3 }],
      fields: [blobField({ initial: { blobs: 2, massStd: 0.2, width: 0.4, spread: 0.5 } })],
      thermostat: { kind: 'langevin', temperature: 1e-4 },
      ...extra,
    },
    20261207,
  );
  for (let i = 0; i < 3000; i++) {
    if (i === 100) w.applyImpulse(0, [0.2, 0, 0, 0, 0, 0, 0, -0.1]);
    if (i === 500) w.setLanguageTarget(1, new Array<number>(8).fill(0.4), 1, 5);
    if (i === 900) w.addSource(0, { centre: new Array<number>(8).fill(-0.2), mass: 0.5, width: 0.3 });
    if (i === 1200) w.setDrive(0, { power: 0.01, minSpeed: 0.05, paidFrom: 'internal' });
    w.step(DT);
  }
  return w;
}

test('default (field) model: the state hash of a fixed seeded run is the one recorded before the circuit model existed', () => {
  assert.equal(baselineRun().stateHash(), '7fdfad8eb709c0da');
  assert.equal(baselineRun({ circuits: { model: 'field' } }).stateHash(), '7fdfad8eb709c0da');
  assert.notEqual(baselineRun({ circuits: driveLevelCircuits(8) }).stateHash(), '7fdfad8eb709c0da');
});

/** A drive-level world with strong modulation, a well, a field, wind and damping. */
function driveWorld(seed: number, agents: number, extra: WorldParamsInput = {}, mu = 2): World {
  return createWorld(
    {
      agentCount: agents,
      circuits: driveLevelCircuits(8, { modulation: { damping: mu, noise: mu, plasticity: mu, identity: mu, coupling: mu } }),
      wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0.1), strength: 0.3, softening: 0.3 }],
      ...extra,
    },
    seed,
  );
}

const inputArb = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 8, maxLength: 8 });

test('property: with the drive-level model on, the ledger closes (circuit work booked) and internal energy closes exactly', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 0.2, noNaN: true }),
      fc.double({ min: 0, max: 3, noNaN: true }),
      inputArb,
      inputArb,
      fc.boolean(),
      (seed, agents, damping, wind, mu, u0, u1, withField) => {
        const world = driveWorld(seed, agents, {
          damping: new Array<number>(8).fill(damping),
          wind: { amplitude: wind, spatialFrequency: 1, timeFrequency: 0.3 },
          fields: withField ? [blobField({ initial: { blobs: 2, massStd: 0.3, width: 0.4, spread: 0.5 } })] : [],
        }, mu);
        world.setDrive(0, { power: 0.02, minSpeed: 0.05, paidFrom: seed % 2 === 0 ? 'external' : 'internal' });
        world.setCircuitInput(0, u0, 1.5);
        world.setCircuitInput(agents - 1, u1);
        world.run(150, DT);
        world.applyImpulse(agents - 1, [0.1, 0, 0, 0, 0, 0, 0, -0.1]);
        world.run(150, DT);
        const r = world.ledger();
        const scale = Math.abs(r.mechanical0) + Math.abs(r.externalWork.total) + r.heat.total + Math.abs(r.effort);
        assert.ok(Math.abs(r.numericalError) <= 1e-3 * scale, `error ${r.numericalError} vs scale ${scale}`);
        const internal = r.internal - r.internal0 - r.heat.total + r.effort + r.leak;
        assert.ok(Math.abs(internal) <= 1e-12 * Math.max(1, r.internal0 + r.heat.total));
      },
    ),
    { numRuns: 20, seed: 20261207 },
  );
});

test('the circuit work is what closes the ledger: without it the residual is the size of the work', () => {
  const world = driveWorld(3, 2, { damping: zeros(8), wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0.1 } });
  world.setCircuitInput(0, [-2, 2, 2, -2, 2, -2, 2, 2]);
  world.setCircuitInput(1, [2, -2, 0, 2, -2, 2, -2, -2]);
  world.run(1000, DT);
  const added = world.addAgent({ position: new Array<number>(8).fill(0.3) }); // joins at rest levels, booked as placement
  world.setCircuitInput(added, [-2, -2, 2, 2, -2, 2, 2, -2]);
  world.run(1000, DT);
  assert.equal(world.circuitState(added).levels.length, 8);
  const r = world.ledger();
  assert.ok(Math.abs(r.externalWork.circuits) > 1e-3, `circuit work ${r.externalWork.circuits}`);
  assert.ok(Math.abs(r.numericalError) < 1e-3 * Math.abs(r.externalWork.circuits), `residual ${r.numericalError} vs circuit work ${r.externalWork.circuits}`);
  assert.equal(world.checkLedger().violations, 0);
});

test('determinism: same seed and inputs give the same hash; other inputs or another seed another', () => {
  const run = (seed: number, u: number): string => {
    const w = driveWorld(seed, 2, { thermostat: { kind: 'langevin', temperature: 1e-4 } });
    w.setCircuitInput(0, [u, 0.5, 0.2, -0.3, 0.4, 0.1, -0.2, 0.3], 5);
    w.run(1500, DT);
    return w.stateHash();
  };
  assert.equal(run(11, 0.5), run(11, 0.5));
  assert.notEqual(run(11, 0.5), run(11, 0.6));
  assert.notEqual(run(11, 0.5), run(12, 0.5));
});

test('property: circuit states stay in their ranges for any inputs and any step', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })),
      fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 10, noNaN: true })),
      fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
      fc.integer({ min: 0, max: 7 }),
      (s0, u, rate, relax, dt, k) => {
        const lower = CIRCUIT_LOWER[k] as number;
        const s = Math.max(lower, s0);
        const rest = (lower + 1) / 2;
        const next = circuitStep(s, u, rate, relax, rest, lower, dt);
        assert.ok(next >= lower && next <= 1, `s ${s} u ${u} -> ${next}`);
        // Monotone in the input: more input never lowers the next level (up to rounding).
        assert.ok(circuitStep(s, u + 1, rate, relax, rest, lower, dt) >= next - 1e-15);
      },
    ),
    { numRuns: 500, seed: 5 },
  );
  const w = driveWorld(1, 1);
  w.setCircuitInput(0, [1e4, -1e4, 1e4, 1e4, -1e4, 1e4, -1e4, 1e4]);
  w.run(200, 0.05);
  w.circuitState(0).levels.forEach((s, k) => assert.ok(s >= (CIRCUIT_LOWER[k] as number) && s <= 1, `circuit ${k + 1}: ${s}`));
});

test('without input every circuit relaxes exactly exponentially to its rest level (the fixed point)', () => {
  const spec = driveLevelCircuits(8, { energyCoupling: 0 });
  const w = createWorld({ circuits: spec, wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0.1 } }, 2);
  w.setCircuitInput(0, [-1, 1, 1, 1, -1, 1, 1, -1], 3);
  w.run(310, DT); // the input holds for the steps that start in [0, 3) s
  const start = w.circuitState(0).levels;
  start.forEach((s, k) => assert.ok(Math.abs(s - (spec.rest[k] as number)) > 1e-3, `circuit ${k + 1} was moved`));
  w.run(1000, DT);
  const end = w.circuitState(0).levels;
  end.forEach((s, k) => {
    const r = spec.rest[k] as number;
    const expected = r + (start[k]! - r) * Math.exp(-(spec.relax[k] as number) * 10);
    assert.ok(Math.abs(s - expected) < 1e-12, `circuit ${k + 1}: ${s} vs ${expected}`);
  });
  // The rest level is a fixed point: an agent that starts there stays there exactly.
  const still = createWorld({ circuits: spec }, 2);
  still.run(500, DT);
  assert.deepEqual(still.circuitState(0).levels, spec.rest);
});

test('circuits 5-8 modulate their gains monotonically in the circuit level', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (mu, a, b) => {
      fc.pre(a < b);
      assert.ok(circuitGain(mu, a, 0.5) <= circuitGain(mu, b, 0.5));
      assert.equal(circuitGain(mu, 0.5, 0.5), 1);
    }),
    { numRuns: 200, seed: 9 },
  );
  // In a world: raise circuits 5-8 for one agent and lower them for the other.
  const w = driveWorld(4, 2);
  const base = w.store.damping[0] as number;
  const q0 = w.store.charge[0] as number;
  w.setCircuitInput(0, [0, 0, 0, 0, 1, 1, 1, 1]);
  w.setCircuitInput(1, [0, 0, 0, 0, -1, -1, -1, -1]);
  w.run(3000, DT);
  const hi = w.circuitState(0);
  const lo = w.circuitState(1);
  assert.ok(hi.levels[4]! > 0.5 && lo.levels[4]! < 0.5);
  assert.ok(hi.gains.damping > 1 && lo.gains.damping < 1);
  assert.ok(w.store.damping[0]! > base && w.store.damping[8]! < base, 'circuit 5 raises damping');
  assert.ok(w.store.windGain[0]! < 1 && w.store.windGain[1]! > 1, 'circuit 5 lowers noise');
  assert.ok(w.store.charge[0]! > q0 && w.store.charge[1]! < q0, 'circuit 8 raises the coupling');
  assert.ok(hi.gains.identity > 1 && lo.gains.identity < 1, 'circuit 7 scales the site weights');
  // Circuit 6: the same input moves circuit 2 faster in a more plastic agent.
  const plastic = (u6: number): number => {
    const p = driveWorld(4, 1);
    p.setCircuitInput(0, [0, 0, 0, 0, 0, u6, 0, 0], 30);
    p.run(3000, DT);
    p.setCircuitInput(0, [0, 1, 0, 0, 0, 0, 0, 0], 0.5);
    p.run(50, DT);
    return p.circuitState(0).levels[1]!;
  };
  assert.ok(plastic(1) > plastic(0) && plastic(0) > plastic(-1), `${plastic(-1)} ${plastic(0)} ${plastic(1)}`);
});

test('circuit 1 weights its site by (1 - s1): a depleted agent is pulled to the survival site, a sated one is not', () => {
  const site = zeros(2);
  site[0] = 0.5;
  const run = (u1: number): number => {
    const spec = driveLevelCircuits(2, {
      sites: [{ circuit: 1, centre: site, depth: 0.2, width: 0.4 }], energyCoupling: 0, relax: [0, 0, 0, 0, 0, 0, 0, 0],
    });
    const w = createWorld({ dims: 2, agentCount: 0, circuits: spec, wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0.1 }, damping: [2, 2] }, 1, [{ position: [0, 0], velocity: [0, 0] }]);
    w.setCircuitInput(0, [u1, 0, 0, 0, 0, 0, 0, 0]);
    w.run(1000, DT);
    return w.agent(0).position[0]!;
  };
  const hungry = run(-5);
  const sated = run(5);
  assert.ok(hungry > 0.2, `depleted agent moved to ${hungry}`);
  assert.ok(Math.abs(sated) < 0.02, `sated agent moved to ${sated}`);
});

test('overdamped, the drive-level motion is dX/dt = C^-1 F_total(X, S) (A2.4)', () => {
  const spec = driveLevelCircuits(2, {
    sites: [{ circuit: 3, centre: [0.6, -0.3], depth: 0.1, width: 0.5 }], energyCoupling: 0, relax: [0, 0, 0, 0, 0, 0, 0, 0],
  });
  const c = 20;
  const w = createWorld({ dims: 2, agentCount: 0, circuits: spec, damping: [c, c], boundary: { kind: 'none' }, wind: { amplitude: 0, spatialFrequency: 1, timeFrequency: 0.1 } }, 1, [{ position: [0, 0], velocity: [0, 0] }]);
  w.run(200, 0.005); // transient m/c = 0.05 s
  const x = w.agent(0).position;
  const v = w.agent(0).velocity;
  const s3 = w.circuitState(0).weights[2]!;
  const d = [x[0]! - 0.6, x[1]! + 0.3];
  const phi = -0.1 * Math.exp(-(d[0]! ** 2 + d[1]! ** 2) / (2 * 0.25));
  const f = d.map((dk) => (s3 * phi * dk) / 0.25);
  f.forEach((fk, k) => assert.ok(Math.abs(v[k]! - fk / c) < 0.02 * Math.abs(fk / c) + 1e-9, `axis ${k}: v ${v[k]} vs F/c ${fk / c}`));
});

test('property: snapshot -> JSON -> restore carries the circuit state and continues bit-identically', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 200 }), inputArb, (seed, steps, u) => {
      const a = driveWorld(seed, 2, { thermostat: { kind: 'langevin', temperature: 1e-3 } });
      a.setCircuitInput(1, u, 1);
      a.run(steps, DT);
      const snap = JSON.parse(JSON.stringify(a.snapshot())) as WorldSnapshot;
      assert.ok(snap.circuits !== undefined);
      const b = restoreWorld(snap);
      assert.equal(b.stateHash(), a.stateHash());
      assert.deepEqual(b.circuitState(1), a.circuitState(1));
      a.run(150, DT);
      b.run(150, DT);
      assert.equal(a.stateHash(), b.stateHash());
      assert.deepEqual(b.ledger(), a.ledger());
    }),
    { numRuns: 15, seed: 77 },
  );
});

test('the state hash covers the circuit state; snapshots from before the circuits group still restore', () => {
  const a = driveWorld(6, 1);
  const b = driveWorld(6, 1);
  b.setCircuitInput(0, [0, 0, 0, 0, 0, 0, 0, 1e-9]); // an input alone (no step yet) is state
  assert.notEqual(a.stateHash(), b.stateHash());
  const field = createWorld({ agentCount: 2 }, 6);
  field.run(100, DT);
  const snap = JSON.parse(JSON.stringify(field.snapshot())) as WorldSnapshot & { params: Record<string, unknown> };
  assert.equal(snap.circuits, undefined);
  delete snap.params['circuits'];
  const restored = restoreWorld(snap);
  assert.equal(restored.stateHash(), field.stateHash());
  const drive = JSON.parse(JSON.stringify(a.snapshot())) as WorldSnapshot & { circuits?: unknown };
  delete drive.circuits;
  assert.throws(() => restoreWorld(drive), { code: 'EIDOLON_SNAPSHOT' });
});

test('a scored event in the drive-level model sets the self\'s circuit inputs; the field model has none', () => {
  const w = driveWorld(8, 1);
  const event = toInputEvent({ timestamp: 0, modality: 'text', content: 'You are useless', speaker: 'bob' });
  applyScoredEvent(w, new OtherMinds(), { event, score: { affect: [-0.5, -0.4, 0.2, -0.6, 0, 0.1, 0, 0.3], confidence: 0.5, source: 'test' } }, { selfId: 0 });
  const c = w.circuitState(0);
  assert.deepEqual(c.inputs, [-0.25, -0.2, 0.1, 0.3, 0, 0.05, 0, 0.15]);
  assert.equal(c.inputUntilSec, 2);
  assert.throws(() => createWorld({}, 1).circuitState(0), { code: 'EIDOLON_INVALID_PARAMETER' });
});

test('bad circuit parameters and inputs are refused with the field named', () => {
  assert.throws(() => createWorld({ circuits: { model: 'x' } as never }), /circuits\.model must be 'field' or 'drive-level'/);
  assert.throws(() => createWorld({ circuits: driveLevelCircuits(8, { rates: [1, 2] }) }), /circuits\.rates must have 8 entries/);
  assert.throws(() => createWorld({ circuits: driveLevelCircuits(8, { rest: [2, 0, 0, 0, 0, 0, 0, 0] }) }), /circuits\.rest\[0\] = 2 is outside/);
  assert.throws(() => createWorld({ circuits: driveLevelCircuits(8, { sites: [{ circuit: 5, centre: zeros(8), depth: 1, width: 1 }] }) }), /sites\[0\]\.circuit must be 1, 2, 3 or 4/);
  assert.throws(() => createWorld({ circuits: driveLevelCircuits(8, { sites: [{ circuit: 1, centre: zeros(8), depth: 1, width: 0 }] }) }), /sites\[0\]\.width/);
  assert.throws(() => driveWorld(1, 1).setCircuitInput(0, [1, 2, 3]), /circuit inputs must be 8 finite numbers/);
});
