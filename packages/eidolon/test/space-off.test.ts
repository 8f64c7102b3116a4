import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blobField, createWorld, defaultSpaceParams, gridField, restoreWorld } from '../src/index.js';
import type { World, WorldParamsInput, WorldSnapshot } from '../src/index.js';

/**
 * State hashes of two fixed seeded runs, recorded on main (10f684f) before the space mechanisms
 * existed. With params.space off (the default) the trajectory must stay bit-identical.
 */
const MAIN_HASH_8D = '2fed84f2cc465c09';
const MAIN_HASH_2D = '4f2e526e391be358';

const params8d: WorldParamsInput = {
  agentCount: 3,
  wells: [{ kind: 'plummer', centre: new Array<number>(8).fill(0.1), strength: 0.3, softening: 0.3 }],
  fields: [blobField({ initial: { blobs: 2, massStd: 0.2, width: 0.4, spread: 0.5 } })],
  thermostat: { kind: 'langevin', temperature: 1e-4 },
};

function run8d(extra: WorldParamsInput = {}): World {
  const a = createWorld({ ...params8d, ...extra }, 20261207);
  for (let i = 0; i < 3000; i++) {
    if (i === 500) a.applyImpulse(0, [0.2, 0, 0, 0, 0, 0, 0, -0.1]);
    if (i === 1500) a.setDrive(1, { power: 0.01, minSpeed: 0.05, paidFrom: 'internal' });
    a.step(0.01);
  }
  return a;
}

test('space off (default or explicit): state hashes equal those recorded on main before the space code', () => {
  assert.equal(run8d().stateHash(), MAIN_HASH_8D);
  assert.equal(run8d({ space: defaultSpaceParams() }).stateHash(), MAIN_HASH_8D);
  const b = createWorld({ dims: 2, agentCount: 4, fields: [gridField([16, 16])] }, 'space-2d');
  b.run(3000, 0.01);
  assert.equal(b.stateHash(), MAIN_HASH_2D);
  assert.equal(b.ledger().space, undefined);
  assert.equal(b.snapshot().space, undefined);
});

test('a snapshot written before params.space existed still restores and continues identically', () => {
  const a = createWorld({ agentCount: 2 }, 5);
  a.run(200, 0.01);
  const snap = JSON.parse(JSON.stringify(a.snapshot())) as WorldSnapshot & { params: Record<string, unknown> };
  delete snap.params.space;
  const b = restoreWorld(snap);
  assert.equal(b.stateHash(), a.stateHash());
  a.run(100, 0.01);
  b.run(100, 0.01);
  assert.equal(b.stateHash(), a.stateHash());
});
