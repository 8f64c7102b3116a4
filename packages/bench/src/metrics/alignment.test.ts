// The forward, two-row counting must pick exactly the path rapidfuzz's backtrace picks. The reference below is
// written independently: full DP matrix, common affix removed, then the backward walk of rapidfuzz's
// recover_alignment (deletion first, then insertion, then diagonal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seededRandom } from '../stats/random.js';
import { alignChunks, compare, editCounts, similarityRatio, toIds, type EditCounts } from './index.js';
import { commonAffix, forward } from './levenshtein.js';

function referenceCounts(ref: number[], hyp: number[]): EditCounts {
  let p = 0;
  while (p < ref.length && p < hyp.length && ref[p] === hyp[p]) p += 1;
  let s = 0;
  while (s < ref.length - p && s < hyp.length - p && ref[ref.length - 1 - s] === hyp[hyp.length - 1 - s]) s += 1;
  const a = ref.slice(p, ref.length - s);
  const b = hyp.slice(p, hyp.length - s);
  const D: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    D.push([]);
    for (let j = 0; j <= b.length; j += 1) {
      const row = D[i] as number[];
      if (i === 0 || j === 0) row.push(i + j);
      else {
        const up = (D[i - 1] as number[])[j] as number;
        const left = row[j - 1] as number;
        const diag = ((D[i - 1] as number[])[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
        row.push(Math.min(up + 1, left + 1, diag));
      }
    }
  }
  const at = (i: number, j: number): number => (D[i] as number[])[j] as number;
  let i = a.length;
  let j = b.length;
  let sub = 0;
  let del = 0;
  let ins = 0;
  while (i > 0 && j > 0) {
    if (at(i, j) === at(i - 1, j) + 1) {
      del += 1;
      i -= 1;
    } else if (j - 1 > 0 && at(i, j - 1) === at(i - 1, j - 1) - 1) {
      ins += 1;
      j -= 1;
    } else {
      if (a[i - 1] !== b[j - 1]) sub += 1;
      i -= 1;
      j -= 1;
    }
  }
  del += i;
  ins += j;
  return { hits: ref.length - sub - del, substitutions: sub, deletions: del, insertions: ins };
}

const seq = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 24 });

test('two-row counts equal the full-matrix rapidfuzz backtrace (property, small alphabet = many ties)', () => {
  fc.assert(
    fc.property(seq, seq, (ref, hyp) => {
      assert.deepEqual(editCounts(Int32Array.from(ref), Int32Array.from(hyp)), referenceCounts(ref, hyp));
    }),
    { numRuns: 400, seed: 20251124 },
  );
});

test('chunks cover both sequences in order and agree with the counts', () => {
  fc.assert(
    fc.property(seq, seq, (ref, hyp) => {
      const r = Int32Array.from(ref);
      const h = Int32Array.from(hyp);
      const chunks = alignChunks(r, h);
      let i = 0;
      let j = 0;
      const tally = { hits: 0, substitutions: 0, deletions: 0, insertions: 0 };
      for (const c of chunks) {
        assert.equal(c.refStart, i);
        assert.equal(c.hypStart, j);
        i = c.refEnd;
        j = c.hypEnd;
        const n = Math.max(c.refEnd - c.refStart, c.hypEnd - c.hypStart);
        if (c.type === 'equal') {
          tally.hits += n;
          for (let k = 0; k < n; k += 1) assert.equal(ref[c.refStart + k], hyp[c.hypStart + k]);
        } else if (c.type === 'substitute') tally.substitutions += n;
        else if (c.type === 'delete') tally.deletions += n;
        else tally.insertions += n;
      }
      assert.deepEqual([i, j], [ref.length, hyp.length]);
      assert.deepEqual(tally, editCounts(r, h));
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('difflib SequenceMatcher.ratio parity (expected values from CPython 3.11 difflib)', () => {
  assert.equal(similarityRatio('abcd', 'bcde'), 0.75);
  assert.equal(similarityRatio('the cat sat on the mat', 'the cat sit on a mat'), 0.8571428571428571);
  assert.equal(similarityRatio('', ''), 1);
  assert.equal(similarityRatio('abc', ''), 0);
  assert.equal(similarityRatio('hello world', 'world hello'), 0.45454545454545453);
  // b of 200+ items: autojunk drops popular characters from the index
  assert.equal(similarityRatio('ab '.repeat(100), 'ab c'.repeat(65)), 0.010714285714285714);
  assert.equal(
    similarityRatio('the quick brown fox jumps over the lazy dog '.repeat(6), 'the quick brown fax jumped over a lazy dog '.repeat(6)),
    0.06513409961685823,
  );
});

/** Deterministic test strings: `n` random letters, then a copy with ~10 % deletions, substitutions, insertions. */
function mutatedPair(seed: number, n: number, letters: string): [string, string] {
  const rand = seededRandom(seed);
  const pick = (): string => letters[Math.floor(rand() * letters.length)] ?? '';
  const ref = Array.from({ length: n }, pick).join('');
  let hyp = '';
  for (const ch of ref) {
    const r = rand();
    if (r < 0.1) continue;
    hyp += r < 0.2 ? pick() : ch;
    if (rand() < 0.1) hyp += pick();
  }
  return [ref, hyp];
}

test('long pairs follow rapidfuzz\'s Hirschberg split (expected counts from jiwer 4.0 + rapidfuzz 3.14.6)', () => {
  const [ref, hyp] = mutatedPair(11, 2100, 'ab');
  const [r, h] = toIds(Array.from(ref), Array.from(hyp));
  assert.deepEqual([r.length, h.length], [2100, 2086]);
  // jiwer.process_characters(ref, hyp) -> hits 1861, S 111, D 128, I 114
  assert.deepEqual(editCounts(r, h), { hits: 1861, substitutions: 111, deletions: 128, insertions: 114 });
  // a single direct backtrace over the whole matrix takes another equal-cost path (so this test can tell)
  const { prefix, suffix } = commonAffix(r, h);
  const direct = forward(r.subarray(prefix, r.length - suffix), h.subarray(prefix, h.length - suffix));
  assert.deepEqual(direct, { substitutions: 109, deletions: 129, insertions: 115 });
  assert.equal(compare(hyp, ref, { normalizer: 'none' }).chars.substitutions, 111);
});
