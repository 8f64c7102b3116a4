// jiwer 4.0 parity: the error-rate vectors of shared/docs/bench-test-vectors.md (read at test time),
// the corpus example, empty references, pooling, and jiwer's own visualize_alignment expectations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compare, compareCorpus, renderCorpusAlignment } from './index.js';

const VECTORS_MD = readFileSync(new URL('../../../../../shared/docs/bench-test-vectors.md', import.meta.url), 'utf8');
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);
const num = (s: string): number => {
  const [p, q] = s.split('/');
  return q === undefined ? Number(p) : Number(p) / Number(q);
};
const none = { normalizer: 'none' } as const;

test('paper vectors (Morris et al. 2004) from the vectors file', () => {
  const rows = VECTORS_MD.split('\n')
    .map((l) => /^\| `([^`]*)` \| `([^`]*)` \| ([\d/.]+) \| ([\d/.]+) \| ([\d/.]+) \|$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);
  assert.equal(rows.length, 5);
  for (const [, ref = '', hyp = '', wer = '', mer = '', wil = ''] of rows) {
    const r = compare(hyp, ref, none).words;
    close(r.wer, num(wer), `wer ${ref}|${hyp}`);
    close(r.mer, num(mer), `mer ${ref}|${hyp}`);
    close(r.wil, num(wil), `wil ${ref}|${hyp}`);
    close(r.wip, 1 - num(wil), `wip ${ref}|${hyp}`);
  }
});

const corpusRefs = ['short one here', 'quite a bit of longer sentence'];
const corpusHyps = ['shoe order one', 'quite bit of an even longest sentence here'];
const corpusPairs = corpusRefs.map((reference, i) => ({ reference, hypothesis: corpusHyps[i] ?? '' }));

test('corpus example: S=2 D=2 I=4 H=5, WER 88.89 %, MER 61.54 %, WIL 74.75 %, WIP 25.25 %', () => {
  const c = compareCorpus(corpusPairs, none);
  assert.deepEqual(
    [c.words.substitutions, c.words.deletions, c.words.insertions, c.words.hits],
    [2, 2, 4, 5],
  );
  assert.equal((c.words.wer * 100).toFixed(2), '88.89');
  assert.equal((c.words.mer * 100).toFixed(2), '61.54');
  assert.equal((c.words.wil * 100).toFixed(2), '74.75');
  assert.equal((c.words.wip * 100).toFixed(2), '25.25');
  close(c.words.wer, 8 / 9, 'exact pooled wer');
});

test('corpus view matches jiwer visualize_alignment (docstring example, "*" fillers as jiwer 4 prints)', () => {
  const c = compareCorpus(corpusPairs, { ...none, alignment: true });
  const view = renderCorpusAlignment(c);
  assert.equal(
    view,
    '=== SENTENCE 1 ===\n\nREF: **** short one here\nHYP: shoe order one ****\n        I     S        D\n\n' +
      '=== SENTENCE 2 ===\n\nREF: quite a bit of ** ****  longer sentence ****\nHYP: quite * bit of an even longest sentence here\n' +
      '           D         I    I       S             I\n\n' +
      '=== SUMMARY ===\nnumber of sentences: 2\nsubstitutions=2 deletions=2 insertions=4 hits=5\n\n' +
      'mer=61.54%\nwil=74.75%\nwip=25.25%\nwer=88.89%\n',
  );
});

test('pooled, not averaged: 1 error in 2 words + 0 in 20 words = 1/22', () => {
  const twenty = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
  const c = compareCorpus([{ reference: 'a b', hypothesis: 'a c' }, { reference: twenty, hypothesis: twenty }], none);
  close(c.words.wer, 1 / 22, 'pooled wer');
  assert.equal((c.words.wer * 100).toFixed(1), '4.5');
  close(c.sentenceErrorRate, 0.5, 'sentence error rate');
});

test('empty references (jiwer >= 4.0) and insertions on silent clips reported apart', () => {
  const both = compare('', '', none).words;
  assert.deepEqual([both.wer, both.mer, both.wil, both.wip], [0, 0, 0, 1]);
  const ins = compare('a b', '', none).words;
  assert.deepEqual([ins.insertions, ins.wer, ins.mer, ins.wip], [2, 2, 1, 0]);
  const c = compareCorpus([{ reference: 'hello world', hypothesis: 'hello world' }, { reference: '', hypothesis: 'done' }], none);
  close(c.words.wer, 0.5, 'wer');
  close(c.words.mer, 1 / 3, 'mer');
  close(c.words.wil, 1 / 3, 'wil');
  close(c.words.wip, 2 / 3, 'wip');
  assert.deepEqual(c.silence, { utterances: 1, insertions: 1 });
  assert.equal(c.speech.wer, 0);
});

test('jiwer tokenisation: runs of 2+ whitespace collapse, a single tab stays inside a word', () => {
  assert.equal(compare('a  b\t\tc', ' a b c ', none).words.wer, 0);
  assert.equal(compare('a\tb', 'a b', none).words.referenceLength, 2);
  assert.equal(compare('a\tb', 'a b', none).words.hypothesisLength, 1);
});

test('CER follows jiwer (spaces count, strip only): "This is a test" vs "This test" = 5/14', () => {
  close(compare('This test', 'This is a test', none).chars.cer, 5 / 14, 'cer');
  close(compare('', 'This is a test', none).chars.cer, 1, 'cer of empty hyp');
});

test('jiwer test_alignment expectations (words)', () => {
  const view = (ref: string, hyp: string): string => compare(hyp, ref, { ...none, alignment: true }).alignment?.view ?? '';
  assert.equal(view('this is a', 'this is a test'), 'REF: this is a ****\nHYP: this is a test\n                  I\n');
  assert.equal(view('this is a test', 'this is a'), 'REF: this is a test\nHYP: this is a ****\n                  D\n');
  assert.equal(view('this is a test', 'this was a test'), 'REF: this  is a test\nHYP: this was a test\n            S       \n');
  assert.equal(
    view('this is a test of skill', 'this was a messy test'),
    'REF: this  is a ***** test of skill\nHYP: this was a messy test ** *****\n            S       I       D     D\n',
  );
  assert.equal(view('empty', ''), 'REF: empty\nHYP: *****\n         D\n');
});

test('jiwer test_show_measures expectation', () => {
  const c = compareCorpus([{ reference: 'this test will  have a high word error rate', hypothesis: 'no it will not' }], {
    ...none,
    alignment: true,
  });
  assert.equal(
    renderCorpusAlignment(c),
    '=== SENTENCE 1 ===\n\nREF: this test will have a high word error rate\nHYP:   no   it will  not * **** **** ***** ****\n' +
      '        S    S         S D    D    D     D    D\n\n=== SUMMARY ===\nnumber of sentences: 1\n' +
      'substitutions=3 deletions=5 insertions=0 hits=1\n\nmer=88.89%\nwil=97.22%\nwip=2.78%\nwer=88.89%\n',
  );
});
