import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomStream, deriveStream } from '../src/index.js';

test('streams are reproducible, named substreams differ, state round-trips', () => {
  const a = deriveStream(42, 'wind');
  const b = deriveStream(42, 'wind');
  const c = deriveStream(42, 'init');
  const xs = Array.from({ length: 5 }, () => a.nextUint32());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.nextUint32()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.nextUint32()));
  const state = a.getState();
  const next = a.nextFloat();
  const r = new RandomStream(1);
  r.setState(state);
  assert.equal(r.nextFloat(), next);
});

test('uniform and Gaussian moments are right (1e5 draws)', () => {
  const r = deriveStream('moments', 'test');
  const n = 100_000;
  let s = 0;
  let s2 = 0;
  let g = 0;
  let g2 = 0;
  let g4 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.nextFloat();
    assert.ok(u >= 0 && u < 1);
    s += u;
    s2 += u * u;
    const z = r.nextGaussian();
    g += z;
    g2 += z * z;
    g4 += z ** 4;
  }
  assert.ok(Math.abs(s / n - 0.5) < 0.005);
  assert.ok(Math.abs(s2 / n - 1 / 3) < 0.005);
  assert.ok(Math.abs(g / n) < 0.015);
  assert.ok(Math.abs(g2 / n - 1) < 0.02);
  assert.ok(Math.abs(g4 / n - 3) < 0.15);
});
