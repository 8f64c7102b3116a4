import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rowStats, scanRow } from './math.js';

/** Straightforward float64 versions of what `scanRow` computes in one pass. */
function naive(logits: Float32Array) {
  const values = [...logits];
  const max = Math.max(...values);
  const logZ = max + Math.log(values.reduce((s, v) => s + Math.exp(v - max), 0));
  let entropy = 0;
  for (const v of values) {
    const p = Math.exp(v - logZ);
    if (p > 0) entropy -= p * Math.log(p + 1e-12);
  }
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value || a.index - b.index);
  return { logZ, confidence: 1 - entropy / Math.log(values.length), order };
}

test('scanRow: log-partition, entropy confidence, margin and top-k equal the two-pass definitions', () => {
  const logit = fc.oneof(fc.double({ min: -60, max: 60, noNaN: true }), fc.constant(-Infinity), fc.integer({ min: -3, max: 3 }));
  fc.assert(
    fc.property(fc.array(logit, { minLength: 2, maxLength: 300 }), fc.integer({ min: 1, max: 6 }), (raw, k) => {
      fc.pre(raw.filter((v) => v !== -Infinity).length >= 2);
      const logits = Float32Array.from(raw);
      const { top, stats } = scanRow(logits, k);
      const ref = naive(logits);
      assert.ok(Math.abs(stats.logZ - ref.logZ) < 1e-9, `logZ ${stats.logZ} vs ${ref.logZ}`);
      assert.ok(Math.abs(stats.entropyConfidence - ref.confidence) < 1e-9, `confidence ${stats.entropyConfidence} vs ${ref.confidence}`);
      assert.deepEqual(top, ref.order.slice(0, k));
      assert.equal(stats.argmax, ref.order[0]?.index);
      assert.equal(stats.margin, (ref.order[0]?.value ?? 0) - (ref.order[1]?.value ?? 0));
    }),
    { numRuns: 300 },
  );
});

test('confidence is 1 for a one-hot row and 0 for a uniform row', () => {
  const oneHot = new Float32Array(100).fill(-Infinity);
  oneHot[7] = 3;
  assert.equal(rowStats(oneHot).entropyConfidence, 1);
  assert.ok(Math.abs(rowStats(new Float32Array(100).fill(2)).entropyConfidence) < 1e-12);
});
