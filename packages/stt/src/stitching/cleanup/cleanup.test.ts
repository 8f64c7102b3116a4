import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { timedWords } from '../test-support/timed-words.js';
import { cleanupRepetitions, cleanupText } from './cleanup.js';

const fixture = (id: string): string => readFileSync(new URL(`../../../test/fixtures/stt-test-data/fixture-${id}.txt`, import.meta.url), 'utf8');

test('genuine repetition stays (untimed): example 4 and the reference transcript', () => {
  for (const s of ['I I I am here', 'no no no', 'very very good', 'the the theater', 'We will, we will rock you', 'you know what I mean? You know what I mean', "I'll work with the prompt I'll work with the prompt", 'Duck duck duck duck what are you doing']) {
    assert.equal(cleanupText(s).text, s);
  }
  assert.equal(cleanupText(fixture('00')).removals.length, 0);
});

test('genuine repetition that takes audio time stays (timed), even a long phrase said three times', () => {
  const words = timedWords("I'll work with the prompt I'll work with the prompt I'll work with the prompt no no no");
  assert.equal(cleanupRepetitions(words).removals.length, 0);
});

test('a phrase repeated over the same audio is a loop and is removed, with an audit record', () => {
  const real = timedWords('converted audio transcript', 10);
  const echo = real.slice(0, 2).map((w) => ({ ...w, confidence: 0.4 }));
  const r = cleanupRepetitions([...real.slice(0, 2), ...echo, ...real.slice(2)]);
  assert.deepEqual(r.words.map((w) => w.text), ['converted', 'audio', 'transcript']);
  assert.equal(r.removals.length, 1);
  assert.match(r.removals[0]?.reason ?? '', /advance|re-uses|looping run/);
  assert.equal(r.removals[0]?.startSec, 10);
});

test('runaway repeats at a window end are collapsed (timed: squeezed; untimed: fixture 11, fixture 5)', () => {
  const base = timedWords('what are you doing', 0);
  const loop = Array.from({ length: 12 }, (_, k) => ({ text: 'doing', startSec: 1.6 + 0.01 * k, endSec: 1.61 + 0.01 * k, confidence: 0.2 }));
  assert.equal(cleanupRepetitions([...base, ...loop]).words.length, 4);
  assert.equal(cleanupText(fixture('11')).text, 'Duck');
  assert.equal(cleanupText(fixture('05')).text, 'I! ! spoken!');
  assert.equal(cleanupText(fixture('07')).text, '!');
});

test('catalogue: phrase echoes and warm-up stutter in untimed text are collapsed', () => {
  assert.equal(cleanupText('in spoken language spoken language versus text').text, 'in spoken language versus text');
  assert.equal(cleanupText('be prompted be prompted that').text, 'be prompted that');
  assert.equal(cleanupText('notification that this is this is a converted audio converted audio transcript').text, 'notification that this is a converted audio transcript');
  assert.equal(cleanupText('work with work with the work with the prompt').text, 'work with the prompt');
  assert.equal(cleanupText('going to go to go on').text, 'going to go on');
});

test('catalogue: a whole passage repeated at a join is removed (fixture 1)', () => {
  const passage = "inside it cuz like if it's any good it should be able to pick up and deal with all";
  const out = cleanupText(fixture('01')).text;
  assert.equal(out.split(passage).length - 1, 1);
});

test('the cleanup can be turned off', () => {
  assert.equal(cleanupText('spoken language spoken language', { enabled: false }).text, 'spoken language spoken language');
});

const vocab = ['it', 'was', 'the', 'best', 'of', 'times', 'worst', 'age', 'wisdom', 'we', 'had', 'everything'];

test('property: cleanup is idempotent (untimed and timed)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...vocab), { maxLength: 40 }), (ws) => {
      const once = cleanupText(ws.join(' ')).text;
      assert.equal(cleanupText(once).text, once);
      const timed = cleanupRepetitions(timedWords(ws.join(' ')));
      assert.equal(cleanupRepetitions(timed.words).removals.length, 0);
    }),
    { numRuns: 200 },
  );
});

test('property: cleanup never shortens text without repetition', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.constantFrom(...vocab, 'a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 18 }), (ws) => {
      const text = ws.join(' ');
      assert.equal(cleanupText(text).text, text);
      assert.equal(cleanupRepetitions(timedWords(text)).words.length, ws.length);
    }),
    { numRuns: 200 },
  );
});

test('untimed words with confidences: low-confidence copies beside a confident one are loop copies; confident repeats stay', () => {
  const w = (text: string, confidence: number) => ({ text, confidence });
  const loop = cleanupRepetitions([w('we', 0.9), w('stop', 0.9), w('here', 0.9), w('here', 0.2), w('now', 0.9)]);
  assert.deepEqual(loop.words.map((x) => x.text), ['we', 'stop', 'here', 'now']);
  assert.equal(loop.timed, false);
  const genuine = cleanupRepetitions([w('very', 0.9), w('very', 0.8), w('good', 0.9)]);
  assert.equal(genuine.removals.length, 0);
});

const PHRASE = "I'll work with the prompt";
const copiesOf = (text: string): number => text.toLowerCase().split(PHRASE.toLowerCase()).length - 1;

test('genuine repeat survives on every fixture: the cleanup never leaves fewer than min(before, 2) copies of the phrase', () => {
  for (const id of ['00', '01', '03', '04', '05', '06', '07', '08', '09', '10', '11']) {
    const text = fixture(id);
    const before = copiesOf(text);
    assert.ok(copiesOf(cleanupText(text).text) >= Math.min(before, 2), `fixture ${id}`);
  }
  assert.equal(copiesOf(cleanupText(fixture('00')).text), 2);
});

test('untimed: extra decoder copies around the genuine repeat are cut back to the two the speaker said', () => {
  const ref = fixture('00');
  for (const extra of [1, 2, 5]) {
    const looped = ref.replace(`${PHRASE} ${PHRASE}`, Array.from({ length: 2 + extra }, () => PHRASE).join(' '));
    const r = cleanupText(looped);
    assert.equal(r.text, ref.trim().split(/\s+/).join(' '), `${extra} extra copies`);
    assert.equal(r.removals.flatMap((x) => x.wordIndices).length, 5 * extra);
  }
});

test('untimed: with the audio length known, at most the copies that fit at a normal speaking rate stay', () => {
  const text = `so ${PHRASE} ${PHRASE} ${PHRASE} now`;
  // 2 other words + 3 copies x 5 words = 17 words; 3 s at 4 words/s holds 12 words: 2 copies of 5 beside the 2 others.
  assert.equal(copiesOf(cleanupText(text, { audioSec: 3 }).text), 2);
  // 2 s holds 8 words: only one copy fits.
  assert.equal(copiesOf(cleanupText(text, { audioSec: 2 }).text), 1);
  // 10 s would hold all three, but a speaker says a clause at most twice (maxSpokenCopies).
  assert.equal(copiesOf(cleanupText(text, { audioSec: 10 }).text), 2);
  assert.equal(copiesOf(cleanupText(text, { audioSec: 10, maxSpokenCopies: 3 }).text), 3);
});

test('timed: the copies that occupy distinct audio stay; a decoder copy over the same audio goes (fixture 0)', () => {
  const words = timedWords(fixture('00'));
  const keys = words.map((w) => w.text);
  const at = keys.findIndex((_, i) => keys.slice(i, i + 10).join(' ') === `${PHRASE} ${PHRASE}`);
  assert.ok(at > 0);
  const second = words.slice(at + 5, at + 10);
  // The decoder prints the second copy again over the same audio, less confidently.
  const loop = second.map((w) => ({ ...w, confidence: 0.3 }));
  const looped = [...words.slice(0, at + 10), ...loop, ...words.slice(at + 10)];
  const r = cleanupRepetitions(looped);
  assert.equal(r.words.map((w) => w.text).join(' '), keys.join(' '));
  assert.deepEqual(r.removals.map((x) => x.wordIndices.length), [5]);
  // Three copies that each take their own audio all stay.
  const three = timedWords(`so ${PHRASE} ${PHRASE} ${PHRASE} now`);
  assert.equal(cleanupRepetitions(three).removals.length, 0);
});
