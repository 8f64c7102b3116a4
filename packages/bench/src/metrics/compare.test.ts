import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '@cephalon/stt';
import { compare, compareCorpus, metricColumns, METRIC_COLUMNS, renderCorpusAlignment } from '../index.js';

const SPELLINGS = fileURLToPath(new URL('../../../../../shared/data/whisper-assets/english.json', import.meta.url));

test('default normaliser lower-punct: case and punctuation do not count, raw variants do', () => {
  const r = compare('the cat sat', 'The cat sat down.');
  assert.deepEqual(r.normalizer, { name: 'lower-punct', version: '1' });
  assert.equal(r.words.wer, 0.25);
  assert.deepEqual([r.words.hits, r.words.deletions], [3, 1]);
  // raw: "The"/"the" substitution, "sat"/"sat" hit, "down." deleted -> 2 errors / 4 words
  assert.equal(r.raw.words.wer, 0.5);
  assert.equal(r.sentenceError, true);
  assert.equal(r.wordEditDistance, 1);
  assert.equal(r.charEditDistance, 1 + 6); // "T"->"t", then " down." deleted
  assert.equal(r.normalizedEditDistance, 6 / 17);
  assert.equal(r.wordOverlap, 3 / 4);
});

test('whisper-english by name: numbers and spellings normalised, names recorded', () => {
  const r = compare('Two dollars and seventy cents, colour', '$2.70 color', { normalizer: 'whisper-english', spellingsPath: SPELLINGS });
  assert.deepEqual(r.normalizer, { name: 'whisper-english', version: '20250625' });
  assert.equal(r.normalizedHypothesis, '$2.70 color');
  assert.equal(r.words.wer, 0);
  assert.equal(r.sentenceError, false);
});

test('silent reference: word overlap null (an empty cell), insertions counted', () => {
  const r = compare('thank you', '');
  assert.equal(r.wordOverlap, null);
  assert.equal(r.silentReference, true);
  assert.equal(r.words.insertions, 2);
  assert.equal(r.words.wer, 2);
});

test('metric columns: stable names, one value each', () => {
  const cells = metricColumns(compare('a b', 'a c'));
  assert.deepEqual(Object.keys(cells), [...METRIC_COLUMNS]);
  assert.equal(cells.wer, 0.5);
  assert.equal(cells.normalizer, 'lower-punct');
});

test('corpus: progress callback, ids, and a typed error when the view lacks alignments', () => {
  const seen: number[] = [];
  const c = compareCorpus(
    [{ id: 'x', hypothesis: 'a', reference: 'a' }, { hypothesis: 'b', reference: 'c' }],
    { onProgress: (done) => seen.push(done) },
  );
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(c.utterances.map((u) => u.id), ['x', '2']);
  assert.throws(() => renderCorpusAlignment(c), InvalidOptionError);
});

test('bad input: non-string transcripts and unknown normalisers are typed errors', () => {
  assert.throws(() => compare(undefined as unknown as string, 'a'), InvalidOptionError);
  assert.throws(() => compare('a', 'a', { normalizer: 'klingon' }), InvalidOptionError);
});
