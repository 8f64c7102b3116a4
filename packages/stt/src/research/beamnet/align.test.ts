import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { alignTokens } from './align.js';

test('alignment: matches, substitution, insertion and deletion on small cases', () => {
  const a = alignTokens([1, 2, 3, 4], [1, 9, 3, 4]);
  assert.deepEqual(a.steps.map((s) => s.op), ['match', 'sub', 'match', 'match']);
  assert.equal(a.distance, 1);
  assert.equal(a.commonPrefix, 1);
  const b = alignTokens([1, 2, 3], [1, 3]);
  assert.deepEqual(b.steps, [{ op: 'match', beamIndex: 0 }, { op: 'ins', beamIndex: -1 }, { op: 'match', beamIndex: 1 }]);
  const c = alignTokens([1, 3], [1, 2, 3]);
  assert.equal(c.deletions, 1);
  assert.deepEqual(c.steps, [{ op: 'match', beamIndex: 0 }, { op: 'match', beamIndex: 2 }]);
  assert.equal(alignTokens([], [5, 6]).distance, 2);
});

test('alignment property: counts add up to the edit distance, matched tokens are equal, beam indexes increase', () => {
  const seq = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 25 });
  fc.assert(
    fc.property(seq, seq, (g, b) => {
      const a = alignTokens(g, b);
      assert.equal(a.steps.length, g.length);
      assert.equal(a.substitutions + a.insertions + a.deletions, a.distance);
      assert.equal(a.matches + a.substitutions + a.insertions, g.length);
      assert.equal(a.matches + a.substitutions + a.deletions, b.length);
      let last = -1;
      a.steps.forEach((s, i) => {
        if (s.op === 'ins') return;
        assert.ok(s.beamIndex > last);
        last = s.beamIndex;
        assert.equal(s.op === 'match', g[i] === b[s.beamIndex]);
      });
      assert.equal(a.distance === 0, JSON.stringify(g) === JSON.stringify(b));
    }),
  );
});
