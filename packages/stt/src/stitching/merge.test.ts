import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StitchInputError } from '../core/errors.js';
import { createLcsMerge } from './lcs-merge.js';
import { createLegacyMerge } from './legacy/legacy-merge.js';
import { dedupeNgrams } from './legacy/heuristics.js';
import { getMergeAlgorithm, MERGE_ALGORITHM_NAMES } from './registry.js';
import { cutWindow, timedWords } from './test-support/timed-words.js';
import { createTimedMerge } from './timed-merge.js';
import type { StitchWord, WindowTranscript } from './types.js';
import { wordKey, wordsFromTokens } from './words.js';

const timed = createTimedMerge();
const TEXT = 'four score and seven years ago our fathers brought forth on this continent a new nation conceived in liberty';

test('illustrative example 1: overlapping chunk outputs are stitched without repeating the overlap', () => {
  const a: WindowTranscript = { startSec: 0, endSec: 3, words: timedWords('Hello and welcome to the show', 0, 0.45) };
  const b: WindowTranscript = { startSec: 1.7, endSec: 5, words: timedWords('welcome to the show today we\'re going to', 0.9, 0.45) };
  assert.equal(timed.merge([a, b]).text, "Hello and welcome to the show today we're going to");
  assert.equal(createLcsMerge().merge([a, b]).text, "Hello and welcome to the show today we're going to");
});

test('a partial word touching the window edge loses to the whole word of the other window (no "stutteringuttering")', () => {
  const all = timedWords('I am like stuttering or whatever inside of it');
  const a = { ...cutWindow(all, 0, 1.5), endSec: 1.5 };
  const aWords = [...a.words, { text: 'st', startSec: 1.2, endSec: 1.5, confidence: 0.5 }];
  const b = cutWindow(all, 1.0, 4);
  const b2 = { ...b, words: [{ text: 'stuttering', startSec: 1.2, endSec: 1.52, confidence: 0.9 }, ...b.words.filter((w) => w.text !== 'stuttering')] };
  const out = timed.merge([{ ...a, words: aWords }, b2]);
  assert.equal(out.text, 'I am like stuttering or whatever inside of it');
});

test('warm-up stutter at a window start is dropped ("work with work with the prompt")', () => {
  const all = timedWords('you know I will work with the prompt but I did not know');
  const a = cutWindow(all, 0, 2.4);
  const b = cutWindow(all, 1.2, 6);
  const stutter: StitchWord[] = (b.words.slice(0, 2) as StitchWord[]).map((w) => ({ ...w, confidence: 0.3 }));
  const out = timed.merge([a, { ...b, words: [...stutter, ...b.words] }]);
  assert.equal(out.text, 'you know I will work with the prompt but I did not know');
  assert.ok(out.joins[0]?.dropped.some((d) => d.reason === 'warm-up-stutter' || d.reason === 'less-trusted'));
});

test('an echo of the previous window squeezed at the window start is dropped, also with zero overlap', () => {
  const all = timedWords('it should be able to pick up and deal with all the stuff that I am doing here');
  const a = cutWindow(all, 0, 4);
  const b = cutWindow(all, 4, 8);
  const echo: StitchWord[] = ['and', 'deal', 'with'].map((t, k) => ({ text: t, startSec: 4 + 0.08 * k, endSec: 4.08 + 0.08 * k, confidence: 0.4 }));
  const out = timed.merge([a, { ...b, words: [...echo, ...b.words] }]);
  assert.equal(out.text, 'it should be able to pick up and deal with all the stuff that I am doing here');
  assert.ok(out.joins[0]?.dropped.some((d) => d.reason === 'echo'));
});

test('when the windows disagree in the overlap, the copy farther from its window edge wins', () => {
  const all = timedWords(TEXT);
  const a = cutWindow(all, 0, 4);
  const b = cutWindow(all, 2, 8);
  const edgeA = a.words.map((w) => (w.text === 'brought' ? { ...w, text: 'bought', confidence: 0.5 } : w)); // near A's end
  const edgeB = b.words.map((w) => (w.text === 'years' ? { ...w, text: 'ears', confidence: 0.5 } : w)); // near B's start
  assert.equal(timed.merge([{ ...a, words: edgeA }, { ...b, words: edgeB }]).text, TEXT);
});

test('words from different windows are never glued ("allgo") and joins are whitespace-safe', () => {
  const a: WindowTranscript = { startSec: 0, endSec: 2, words: timedWords('deal with all', 0, 0.5) };
  const b: WindowTranscript = { startSec: 2, endSec: 4, words: timedWords('go on you know', 2, 0.5) };
  for (const name of MERGE_ALGORITHM_NAMES) {
    const text = getMergeAlgorithm(name).merge([a, b]).text;
    assert.ok(!text.includes('allgo'), `${name}: ${text}`);
    assert.ok(!/\s\s/.test(text), `${name}: extra spaces in ${JSON.stringify(text)}`);
  }
});

test('without timestamps the timed merge still removes the overlap duplicate', () => {
  const a: WindowTranscript = { startSec: 0, endSec: 6, words: 'we are met on a great battle field of that war'.split(' ').map((text) => ({ text })) };
  const b: WindowTranscript = { startSec: 4, endSec: 10, words: 'field of that war we have come to dedicate'.split(' ').map((text) => ({ text })) };
  const out = timed.merge([a, b], { useTiming: false });
  assert.equal(out.text, 'we are met on a great battle field of that war we have come to dedicate');
  assert.equal(out.timing, 'estimated');
});

test('legacy n-gram de-duplication reproduces the documented results (examples 2 and 3)', () => {
  const run = (s: string): string => dedupeNgrams(s.split(' ')).map((i) => s.split(' ')[i]).join(' ');
  assert.equal(run('the cat sat on the mat and the cat sat on the mat'), 'the cat sat on the mat and');
  assert.equal(run('no no no'), 'no');
  assert.equal(run('spoken language spoken language versus spoken language vs text'), 'spoken language versus vs text');
  const chop = createLegacyMerge({ consecutiveRepeats: false, prefixTrim: false, ngramDedupe: false, tokenOverlapTrim: false, fixedChop: 3 });
  const w = (s: string, t: number): WindowTranscript => ({ startSec: t, endSec: t + 1, words: s.split(' ').map((text) => ({ text })) });
  assert.equal(chop.merge([w('a b c', 0), w('d e', 1)]).text, 'a b c', 'the fixed chop silently empties a short chunk');
});

test('bad windows raise StitchInputError; unknown names raise a typed error', () => {
  assert.throws(() => timed.merge([{ startSec: 5, endSec: 1, words: [] }]), StitchInputError);
  assert.throws(() => timed.merge([{ startSec: 5, endSec: 9, words: [] }, { startSec: 1, endSec: 4, words: [] }]), StitchInputError);
  assert.throws(() => getMergeAlgorithm('nope'), /Unknown merge algorithm/);
});

const windowArb = fc
  .record({
    words: fc.array(fc.constantFrom('the', 'people', 'shall', 'not', 'perish', 'from', 'earth', 'we', 'can', 'dedicate'), { minLength: 1, maxLength: 30 }),
    rate: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
    start: fc.double({ min: 0, max: 100, noNaN: true }),
  })
  .map(({ words, rate, start }) => {
    const ws = timedWords(words.join(' '), start, rate);
    return { startSec: start, endSec: start + words.length * rate + 0.1, words: ws } satisfies WindowTranscript;
  });

test('property: merging a window with an identical copy of itself yields the window', () => {
  fc.assert(
    fc.property(windowArb, (w) => {
      assert.deepEqual(timed.merge([w, w]).text.split(' '), w.words.map((x) => x.text));
    }),
    { numRuns: 150 },
  );
});

test('property: output times never decrease and every output word comes from an input window', () => {
  const seqArb = fc.record({ a: windowArb, shift: fc.double({ min: 0.5, max: 5, noNaN: true }), b: windowArb });
  fc.assert(
    fc.property(seqArb, ({ a, shift, b }) => {
      const second = { ...b, startSec: a.endSec - shift, endSec: a.endSec - shift + (b.endSec - b.startSec), words: b.words.map((w) => ({ ...w, startSec: (w.startSec ?? 0) - b.startSec + a.endSec - shift, endSec: (w.endSec ?? 0) - b.startSec + a.endSec - shift })) };
      const ordered = second.startSec >= a.startSec ? [a, second] : [second, a];
      for (const name of MERGE_ALGORITHM_NAMES) {
        const out = getMergeAlgorithm(name).merge(ordered);
        let last = Number.NEGATIVE_INFINITY;
        for (const w of out.words) {
          const src = ordered[w.windowIndex]?.words[w.wordIndex];
          assert.equal(src?.text, w.text, `${name}: word not from its window`);
          if (w.startSec !== undefined) {
            assert.ok(w.startSec >= last, `${name}: time went back`);
            last = w.startSec;
          }
        }
        assert.ok(out.words.every((w) => wordKey(w.text).length > 0));
      }
    }),
    { numRuns: 100 },
  );
});

test('catalogue: doubled sub-word tokens at a join ("I\'m\'m", "it\'s\'s", "stutteringuttering") do not appear', () => {
  const tok = (id: number, text: string, startSec: number, endSec: number) => ({ id, text, startSec, endSec, logprob: -0.1, confidence: 0.9 });
  for (const [word, piece] of [["I'm", "'m"], ["it's", "'s"], ['stuttering', 'uttering']] as const) {
    const head = word.slice(0, word.length - piece.length);
    const a: WindowTranscript = { startSec: 0, endSec: 2, words: wordsFromTokens([tok(1, ' so', 0.5, 0.9), tok(2, ' ' + head, 1.2, 1.6), tok(3, piece, 1.6, 1.99)]) };
    const b: WindowTranscript = { startSec: 1.6, endSec: 4, words: wordsFromTokens([tok(3, piece, 1.6, 1.99), tok(4, ' here', 2.2, 2.6), tok(5, ' now', 2.8, 3.2)]) };
    const text = timed.merge([a, b]).text;
    assert.equal(text, `so ${word} here now`);
    for (const name of MERGE_ALGORITHM_NAMES) assert.ok(!getMergeAlgorithm(name).merge([a, b]).text.includes(word + piece), name);
  }
});

test('catalogue: special tokens leaked into a window are dropped and reported', () => {
  const a: WindowTranscript = { startSec: 0, endSec: 3, words: timedWords('the people shall not', 0, 0.6) };
  const b: WindowTranscript = { startSec: 2, endSec: 5, words: [{ text: '<|endoftext|>', startSec: 2, endSec: 2.1 }, ...timedWords('not perish from', 1.8, 0.6)] };
  const out = timed.merge([a, b]);
  assert.equal(out.text, 'the people shall not perish from');
  assert.ok(out.joins[0]?.dropped.some((d) => d.reason === 'special-token' && d.text === '<|endoftext|>'));
});

test('catalogue: a whole passage repeated at a join (overlap not trimmed) appears once', () => {
  const all = timedWords('they should be able to pick up and deal with all the stuff that I am doing here like if it is going');
  const a = cutWindow(all, 0, 6);
  const b = cutWindow(all, 2, 9);
  const out = timed.merge([a, b]);
  assert.equal(out.text, all.map((w) => w.text).join(' '));
  assert.ok((out.joins[0]?.dropped.length ?? 0) >= 8, 'the overlap copy is reported as dropped');
});

test('catalogue: junk at a window edge ("to" at a start, "by." at an end) is dropped where the other window heard that moment', () => {
  const all = timedWords('something I am testing so goodbye and then we stop here');
  const a = cutWindow(all, 0, 2.8);
  const b = cutWindow(all, 1.6, 5);
  const junkEnd: StitchWord = { text: 'by.', startSec: 2.7, endSec: 2.8, confidence: 0.3 };
  const junkStart: StitchWord = { text: 'to', startSec: 1.6, endSec: 1.65, confidence: 0.3 };
  const out = timed.merge([{ ...a, words: [...a.words, junkEnd] }, { ...b, words: [junkStart, ...b.words] }]);
  assert.equal(out.text, all.map((w) => w.text).join(' '));
});
