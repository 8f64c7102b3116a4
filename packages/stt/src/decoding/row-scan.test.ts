import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RowScan } from './row-scan.js';
import { ApplyTimestampRules } from './logit-filters.js';
import { FAKE_IDS } from './test-support/fake-model.js';

/** The scan without the gate: every value goes through the full online update (what the gate must not change). */
function ungated(logits: Float32Array, k: number) {
  let first = -Infinity;
  let second = -Infinity;
  let best = 0;
  let sum = 0;
  let weighted = 0;
  logits.forEach((v, i) => {
    if (v > first) {
      if (first !== -Infinity) {
        const r = Math.exp(first - v);
        weighted = r * (weighted + (first - v) * sum);
        sum *= r;
      }
      sum += 1;
      second = first;
      first = v;
      best = i;
    } else {
      if (v > second) second = v;
      if (v - first >= -50) {
        sum += Math.exp(v - first);
        weighted += Math.exp(v - first) * (v - first);
      }
    }
  });
  const top = [...logits].map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value || a.index - b.index);
  return { first, second, best, sum, weighted, top: top.slice(0, k) };
}

const logit = fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.constant(-Infinity), fc.integer({ min: -3, max: 3 }));

test('RowScan: added in pieces, gated, it gives bit-identical sums, max, second, argmax and top-k to the ungated scan', () => {
  fc.assert(
    fc.property(fc.array(logit, { minLength: 1, maxLength: 400 }), fc.integer({ min: 0, max: 7 }), fc.nat(), (raw, k, cut) => {
      const logits = Float32Array.from(raw);
      const split = cut % (logits.length + 1);
      const scan = new RowScan(k).add(logits, 0, split).add(logits, split);
      assert.deepEqual({ first: scan.first, second: scan.second, best: scan.best, sum: scan.sum, weighted: scan.weighted, top: scan.top }, ungated(logits, k));
    }),
    { numRuns: 300 },
  );
});

test('ApplyTimestampRules with a scan: same filtered row as without, and a complete scan equal to a fresh one', () => {
  const ids = { eot: FAKE_IDS.eot, noTimestamps: FAKE_IDS.noTimestamps, timestampBegin: FAKE_IDS.timestampBegin };
  const rule = new ApplyTimestampRules(ids, 3, null);
  const row = fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: FAKE_IDS.vocab, maxLength: FAKE_IDS.vocab });
  const tokens = fc.array(fc.integer({ min: 0, max: FAKE_IDS.vocab - 1 }).filter((t) => t !== FAKE_IDS.eot), { maxLength: 4 });
  let forced = 0;
  fc.assert(
    fc.property(row, tokens, fc.integer({ min: 0, max: 3 }), (raw, sampled, k) => {
      const plain = Float32Array.from(raw);
      const fused = Float32Array.from(raw);
      const history = [21, 22, 26, ...sampled];
      rule.apply(plain, history);
      const scan = new RowScan(k);
      rule.apply(fused, history, scan);
      assert.deepEqual(fused, plain);
      assert.equal(scan.complete, true);
      const fresh = new RowScan(k).add(plain);
      assert.deepEqual({ ...scan }, { ...fresh, complete: true }, 'bit-identical to a fresh scan of the filtered row');
      if (plain.slice(0, ids.timestampBegin).every((v) => v === -Infinity)) forced++;
    }),
    { numRuns: 300 },
  );
  assert.ok(forced > 0, 'some rows had their text masked (the forced-timestamp branch ran)');
});
