import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '@cephalon/stt';
import { compare } from './compare.js';
import { cer, mer, processWords, wer, wil, wip } from './jiwer.js';

test('jiwer-shaped functions take the reference first (jiwer README examples)', () => {
  // jiwer: wer("hello world", "hello") == 0.5 ; reversed it would be 1.0 (one insertion over one word).
  assert.equal(wer('hello world', 'hello'), 0.5);
  assert.equal(wer('hello', 'hello world'), 1);
  // compare() is hypothesis first: the same 0.5 comes from compare('hello', 'hello world').
  assert.equal(compare('hello', 'hello world').words.wer, 0.5);
  // jiwer's sentence-list example pools counts: ["hello world", "i like monthy python"] vs ["hello duck", "i like python"].
  const refs = ['hello world', 'i like monthy python'];
  const hyps = ['hello duck', 'i like python'];
  assert.equal(wer(refs, hyps), 2 / 6);
  const p = processWords(refs, hyps);
  assert.deepEqual([p.words.hits, p.words.substitutions, p.words.deletions, p.words.insertions], [4, 1, 1, 0]);
  assert.equal(mer(refs, hyps), 2 / 6);
  assert.ok(Math.abs(wip(refs, hyps) - (4 / 6) * (4 / 5)) < 1e-12);
  assert.ok(Math.abs(wil(refs, hyps) - (1 - (4 / 6) * (4 / 5))) < 1e-12);
  assert.equal(cer('abc', 'abd'), 1 / 3);
});

test('like jiwer the default does not normalise; a normaliser can be asked for', () => {
  assert.equal(wer('Hello world.', 'hello world'), 1);
  assert.equal(wer('Hello world.', 'hello world', { normalizer: 'lower-punct' }), 0);
  assert.equal(wer('The colour', 'the color', { normalizer: 'whisper-english' }), 0);
});

test('sentence lists of different lengths are a typed error', () => {
  assert.throws(() => wer(['a', 'b'], ['a']), InvalidOptionError);
});
