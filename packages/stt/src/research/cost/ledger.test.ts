import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { balance, credit, ledgerCost, openLedger, spend } from './ledger.js';
import type { Pool } from './ledger.js';
import { runsOf } from './budget.js';

test('ledger accounting closes: initial + credited - spent = balance, spent and credited are the sums of the operations (property)', () => {
  const op = fc.record({ pool: fc.constantFrom<Pool>('phon', 'pause'), kind: fc.constantFrom('spend', 'credit'), amount: fc.integer({ min: 0, max: 20 }) });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.array(op, { maxLength: 60 }), (p0, q0, ops) => {
      let l = openLedger(p0, q0);
      const sums = { phon: { spend: 0, credit: 0 }, pause: { spend: 0, credit: 0 } };
      for (const o of ops) {
        l = o.kind === 'spend' ? spend(l, o.pool, o.amount) : credit(l, o.pool, o.amount);
        sums[o.pool][o.kind as 'spend' | 'credit'] += o.amount;
      }
      for (const pool of ['phon', 'pause'] as const) {
        assert.equal(l[pool].spent, sums[pool].spend);
        assert.equal(l[pool].credited, sums[pool].credit);
        assert.equal(balance(l[pool]), (pool === 'phon' ? p0 : q0) + sums[pool].credit - sums[pool].spend);
      }
      // The cost: squared overdraft of each switched-on pool, mu times what is left.
      const bp = balance(l.phon);
      const bq = balance(l.pause);
      const part = (b: number, mu: number) => (b < 0 ? b * b : mu * b);
      assert.equal(ledgerCost(l, { phonemes: true, pauses: true, mu: 0.5 }), part(bp, 0.5) + part(bq, 0.5));
      assert.equal(ledgerCost(l, { phonemes: false, pauses: true, mu: 0 }), part(bq, 0));
      assert.equal(ledgerCost(l, { phonemes: false, pauses: false, mu: 3 }), 0);
    }),
  );
});

test('ledger: a spend never changes the other pool and returns a new ledger (beams share parents safely)', () => {
  const a = openLedger(10, 4);
  const b = spend(a, 'phon', 3);
  assert.equal(balance(a.phon), 10);
  assert.equal(balance(b.phon), 7);
  assert.equal(b.pause, a.pause);
  assert.equal(ledgerCost(spend(b, 'phon', 9), { phonemes: true, pauses: false, mu: 0 }), 4);
});

test('runsOf: voiced runs, pauses only between voiced runs, short blips and short gaps ignored', () => {
  // 10 ms frames: 200 ms silence, 300 ms voice, 150 ms gap, 40 ms blip (too short: silence), 100 ms silence,
  // 200 ms voice, 50 ms gap (too short to be a pause), 100 ms voice, 500 ms silence.
  const frames: number[] = [];
  const add = (n: number, p: number) => frames.push(...Array.from({ length: n }, () => p));
  add(20, 0.1); add(30, 0.9); add(15, 0.2); add(4, 0.9); add(10, 0.1); add(20, 0.8); add(5, 0.3); add(10, 0.9); add(50, 0);
  const b = runsOf(frames, 0.01, 0.06, 0.12);
  assert.equal(b.voicedRuns, 3);
  assert.equal(b.pauses, 1);
  assert.ok(Math.abs(b.voicedSec - 0.6) < 1e-9);
  assert.equal(b.frames, frames.length);
});
