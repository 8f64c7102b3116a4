import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blobField, createWorld } from '../src/index.js';

const DT = 0.01;

test('property: for random worlds and inputs the ledger closes and internal energy closes exactly', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 5 }),
      fc.double({ min: 0, max: 2, noNaN: true }),
      fc.double({ min: 0, max: 0.3, noNaN: true }),
      fc.double({ min: 0, max: 0.1, noNaN: true }),
      fc.boolean(),
      (seed, agents, damping, wind, power, withField) => {
        const world = createWorld(
          {
            agentCount: agents,
            damping: new Array<number>(8).fill(damping),
            wind: { amplitude: wind, spatialFrequency: 1, timeFrequency: 0.3 },
            wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0), strength: 0.2, softening: 0.4 }],
            fields: withField ? [blobField({ initial: { blobs: 2, massStd: 0.3, width: 0.4, spread: 0.5 } })] : [],
          },
          seed,
        );
        world.setDrive(0, { power, minSpeed: 0.05, paidFrom: seed % 2 === 0 ? 'external' : 'internal' });
        world.applyImpulse(agents - 1, [0.1, 0, 0, 0, 0, 0, 0, -0.1]);
        world.run(300, DT);
        const r = world.ledger();
        const scale = Math.abs(r.mechanical0) + Math.abs(r.externalWork.total) + r.heat.total + Math.abs(r.effort);
        assert.ok(Math.abs(r.numericalError) <= 1e-3 * scale, `error ${r.numericalError} vs scale ${scale}`);
        const internal = r.internal - r.internal0 - r.heat.total + r.effort + r.leak;
        assert.ok(Math.abs(internal) <= 1e-12 * Math.max(1, r.internal0 + r.heat.total));
      },
    ),
    { numRuns: 25, seed: 20261124 },
  );
});

test('property: snapshot/restore round trip preserves the hash and the continuation', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 200 }), (seed, steps) => {
      const a = createWorld({ agentCount: 2, thermostat: { kind: 'langevin', temperature: 1e-3 } }, seed);
      a.run(steps, DT);
      const b = createWorld({ agentCount: 2, thermostat: { kind: 'langevin', temperature: 1e-3 } }, seed);
      b.restore(JSON.parse(JSON.stringify(a.snapshot())));
      a.run(50, DT);
      b.run(50, DT);
      assert.equal(a.stateHash(), b.stateHash());
    }),
    { numRuns: 20, seed: 7 },
  );
});
