import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '@cephalon/stt';
import { compareCorpus } from '../metrics/index.js';
import { bootstrapInterval, pairedBootstrap, quantile, seededRandom } from './index.js';

const totals = (hits: number, substitutions: number, deletions = 0, insertions = 0) => ({
  hits, substitutions, deletions, insertions,
  referenceLength: hits + substitutions + deletions,
  hypothesisLength: hits + substitutions + insertions,
});

test('quantile interpolates like numpy.percentile (linear)', () => {
  const s = Float64Array.of(1, 2, 3, 4);
  assert.equal(quantile(s, 0.25), 1.75);
  assert.equal(quantile(s, 0.5), 2.5);
  assert.equal(quantile(s, 1), 4);
});

test('seeded: same seed, same interval; estimate is the pooled corpus WER', () => {
  const corpus = compareCorpus(
    [
      { reference: 'a b c d', hypothesis: 'a b c d' },
      { reference: 'a b', hypothesis: 'a x' },
      { reference: 'one two three', hypothesis: 'one three' },
      { reference: 'x y z w v', hypothesis: 'x y z w v q' },
    ],
    { normalizer: 'none' },
  );
  const words = corpus.utterances.map((u) => u.words);
  const a = bootstrapInterval(words, { seed: 5, iterations: 500 });
  const b = bootstrapInterval(words, { seed: 5, iterations: 500 });
  assert.deepEqual(a, b);
  assert.equal(a.estimate, corpus.words.wer);
  assert.ok(a.lower <= a.estimate && a.estimate <= a.upper, JSON.stringify(a));
  assert.ok(a.lower >= 0 && a.upper > a.lower);
  assert.notDeepEqual(bootstrapInterval(words, { seed: 6, iterations: 500 }), a);
});

test('identical utterances give a zero-width interval; more utterances give a narrower one', () => {
  const same = Array.from({ length: 10 }, () => totals(8, 2));
  const ci = bootstrapInterval(same, { iterations: 200 });
  assert.deepEqual([ci.lower, ci.estimate, ci.upper], [0.2, 0.2, 0.2]);
  const rand = seededRandom(1);
  const make = (n: number) => Array.from({ length: n }, () => (rand() < 0.3 ? totals(5, 5) : totals(10, 0)));
  const small = bootstrapInterval(make(20), { seed: 2 });
  const large = bootstrapInterval(make(2000), { seed: 2 });
  assert.ok(large.upper - large.lower < (small.upper - small.lower) / 3, `${JSON.stringify(small)} ${JSON.stringify(large)}`);
});

test('paired bootstrap: A better on every utterance -> P(A better) = 1; identical -> 0 and a zero difference', () => {
  const b = Array.from({ length: 30 }, (_, i) => totals(10 - (i % 3), i % 3 + 1));
  const a = b.map((t) => totals(t.hits + 1, t.substitutions - 1));
  const r = pairedBootstrap(a, b, { iterations: 300, seed: 3 });
  assert.equal(r.probabilityABetter, 1);
  assert.ok(r.difference.upper < 0);
  assert.ok(r.a < r.b);
  const same = pairedBootstrap(b, b, { iterations: 100 });
  assert.deepEqual([same.probabilityABetter, same.probabilityBBetter, same.difference.lower, same.difference.upper], [0, 0, 0, 0]);
});

test('bad input: typed errors', () => {
  assert.throws(() => bootstrapInterval([]), InvalidOptionError);
  assert.throws(() => bootstrapInterval([totals(1, 0)], { iterations: 0 }), InvalidOptionError);
  assert.throws(() => bootstrapInterval([totals(1, 0)], { confidence: 1.5 }), InvalidOptionError);
  assert.throws(() => pairedBootstrap([totals(1, 0)], []), InvalidOptionError);
});
