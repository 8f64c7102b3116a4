import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, metricColumns, repetitionStats } from './index.js';

test('immediate repeats and repeated n-grams, counted by hand', () => {
  // duck x4: 3 immediate repeats; bigram "duck duck" x3 -> 2 extra; trigram x2 -> 1 extra (flag); 4-gram x1 -> 0
  const ducks = repetitionStats(['duck', 'duck', 'duck', 'duck']);
  assert.equal(ducks.immediateRepeats, 3);
  assert.deepEqual(ducks.repeatedNgrams, [2, 1, 0, 0, 0]);
  assert.equal(ducks.repeatedTrigramFlag, true);
  // "a b c x a b c": bigrams "a b", "b c" twice -> 2 extra; trigram "a b c" twice -> 1 extra, flag
  const phrase = repetitionStats('a b c x a b c'.split(' '));
  assert.deepEqual([phrase.immediateRepeats, ...phrase.repeatedNgrams, phrase.repeatedTrigramFlag], [0, 2, 1, 0, 0, 0, true]);
  const clean = repetitionStats('one two three'.split(' '));
  assert.deepEqual([clean.immediateRepeats, ...clean.repeatedNgrams, clean.repeatedTrigramFlag], [0, 0, 0, 0, 0, 0, false]);
});

test('records and columns carry repetition of both sides (after normalisation)', () => {
  const r = compare('Duck, duck, duck, duck.', 'Duck duck goose.');
  assert.equal(r.repetition.hypothesis.immediateRepeats, 3);
  assert.equal(r.repetition.reference.immediateRepeats, 1);
  const cells = metricColumns(r);
  assert.equal(cells.repetition_immediate_hyp, 3);
  assert.equal(cells.repetition_trigram_twice_hyp, true);
  assert.equal(cells.repetition_ngram2_ref, 0);
  assert.ok(Object.values(cells).every((v) => v !== undefined));
});
