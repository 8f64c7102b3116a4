import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, restoreWorld } from '../src/index.js';

test('a world holding -0 survives snapshot -> JSON -> restore bit-identically', () => {
  const w = createWorld({ dims: 2 }, 1);
  w.placeAgent(0, [-0, 0.1]);
  const restored = restoreWorld(JSON.parse(JSON.stringify(w.snapshot())));
  assert.equal(restored.stateHash(), w.stateHash());
  w.run(100, 0.01);
  restored.run(100, 0.01);
  assert.equal(restored.stateHash(), w.stateHash());
});
