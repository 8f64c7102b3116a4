/** The pure parts of word alignment against hand-worked cases and naive re-implementations of OpenAI's code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWordTimestamps, type TimedSegment } from './add-word-timestamps.js';
import { alignmentCost } from './cost-matrix.js';
import { dtw } from './dtw.js';
import { medianFilterRows } from './median-filter.js';
import { pythonRound } from './python-round.js';
import { DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS, mergePunctuations, wordTimingsFromPath, type WordTiming } from './word-timing.js';

/** torch.sort order: NaN last. */
function torchOrder(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}

/** OpenAI's median_filter written the slow way: reflect-pad, sort each window, take the middle. */
function naiveMedian(row: readonly number[], width: number): number[] {
  const pad = width >> 1;
  const at = (i: number): number => row[i < 0 ? -i : i >= row.length ? 2 * (row.length - 1) - i : i] as number;
  return row.map((_, c) => Array.from({ length: width }, (_, k) => at(c + k - pad)).sort(torchOrder)[pad] as number);
}

test('median filter: reflect padding by hand, and equal to sorting every window (NaN last), widths 3/7/9', () => {
  assert.deepEqual([...medianFilterRows(Float32Array.from([1, 5, 2, 8, 3]), 1, 5, 3)], [5, 2, 5, 3, 8]);
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const width of [3, 7, 9]) {
    const cols = 40;
    const data = Float32Array.from({ length: 3 * cols }, () => (rnd() < 0.05 ? Number.NaN : Math.round(rnd() * 8) / 4));
    const got = medianFilterRows(data, 3, cols, width);
    for (let r = 0; r < 3; r++) {
      const want = naiveMedian([...data.subarray(r * cols, (r + 1) * cols)], width);
      assert.deepEqual([...got.subarray(r * cols, (r + 1) * cols)], [...Float32Array.from(want)], `width ${width} row ${r}`);
    }
  }
  // Rows no longer than width / 2 come back unchanged (OpenAI cannot reflect-pad them).
  assert.deepEqual([...medianFilterRows(Float32Array.from([3, 1, 2]), 1, 3, 7)], [3, 1, 2]);
});

test('dtw: exact ties go left (the last row takes the remaining frames), as OpenAI orders its comparisons', () => {
  const path = dtw(new Float64Array(6), 2, 3);
  assert.deepEqual([...path.textIndices], [0, 1, 1, 1]);
  assert.deepEqual([...path.timeIndices], [0, 0, 1, 2]);
});

test('dtw: a strictly cheaper diagonal wins; the cumulative cost is float32', () => {
  const x = Float64Array.from([-1, 1, 0, 1, -1, -1]);
  const path = dtw(x, 2, 3, true);
  assert.deepEqual([...path.textIndices], [0, 1, 1]);
  assert.deepEqual([...path.timeIndices], [0, 1, 2]);
  assert.equal(path.totalCost, -3);
  assert.ok(path.margins !== undefined && path.margins.length === 3 * 4);
  const float = dtw(Float64Array.from([0.1, 0.2]), 1, 2);
  assert.equal(float.totalCost, Math.fround(0.2 + Math.fround(0.1)));
  assert.notEqual(float.totalCost, 0.1 + 0.2);
});

test('dtw: when diagonal and up tie below left, OpenAI takes left (the costlier step); so do we', () => {
  // cost[2,2]: diagonal 0 = up 0 < left 5 -> neither strict test passes -> left.
  const path = dtw(Float64Array.from([0, 0, 5, 0]), 2, 2);
  assert.deepEqual([...path.textIndices], [0, 1, 1]);
  assert.deepEqual([...path.timeIndices], [0, 0, 1]);
  assert.equal(path.totalCost, 5);
});

test('alignment cost: softmax renormalised over the real frames, each frame standardised over tokens, text rows only, negated', () => {
  // 1 head, 5 tokens (sot, notimestamps, two text tokens, eot), 4 encoder frames of which 2 hold audio (numFrames 4).
  const frames = 4;
  const weights = Float32Array.from([
    0.1, 0.1, 0.4, 0.4, // sot
    0.2, 0.2, 0.3, 0.3, // notimestamps
    0.3, 0.1, 0.3, 0.3, // text 1
    0.1, 0.3, 0.3, 0.3, // text 2
    0.2, 0.2, 0.3, 0.3, // eot
  ]);
  const cost = alignmentCost(weights, { heads: 1, seqLen: 5, frames, numFrames: 4, sotLength: 1, medianFilterWidth: 1 });
  assert.ok(cost !== null);
  assert.equal(cost.cols, 2);
  assert.equal(cost.rows, 3, 'notimestamps + 2 text rows');
  // Renormalised columns: [.5 .5], [.5 .5], [.75 .25], [.25 .75], [.5 .5]; column means .5, std sqrt(0.05).
  const std = Math.sqrt((4 * 0 + 0.0625 + 0.0625) / 5);
  const expect = [0, 0, 0.25 / std, -0.25 / std, -0.25 / std, 0.25 / std].map((v) => -Math.fround(Math.fround(v)));
  cost.cost.forEach((v, i) => assert.ok(Math.abs(v - (expect[i] as number)) < 1e-5, `cell ${i}: ${v} vs ${expect[i]}`));
  assert.equal(alignmentCost(weights, { heads: 1, seqLen: 5, frames, numFrames: 1, sotLength: 1 }), null, 'no audio frame');
});

test('word timings: start = frame where the path enters the word, end = where the next word starts, probability = token mean', () => {
  const path = { textIndices: Int32Array.from([0, 0, 1, 2, 2, 3]), timeIndices: Int32Array.from([0, 1, 2, 3, 4, 5]) };
  const words = [
    { text: ' a', tokens: [1] },
    { text: ' bc', tokens: [2, 3] },
    { text: '<|endoftext|>', tokens: [50257] },
  ];
  const got = wordTimingsFromPath(path, words, [0.5, 0.2, 0.4]);
  assert.deepEqual(got.map((w) => [w.word, w.start, w.end]), [[' a', 0, 0.04], [' bc', 0.04, 0.1]]);
  assert.ok(Math.abs((got[1] as WordTiming).probability - 0.3) < 1e-12);
  assert.deepEqual(wordTimingsFromPath(path, [{ text: '<|endoftext|>', tokens: [50257] }], []), []);
});

function timing(word: string, tokens: number[]): WordTiming {
  return { word, tokens, start: 0, end: 0, probability: 1 };
}

test('merge punctuations: OpenAI defaults join a leading quote to the next word and trailing marks to the previous one', () => {
  const words = [timing(' "', [1]), timing('Hi', [2]), timing(',', [3]), timing(' there', [4]), timing('."', [5]), timing(' (', [6]), timing(' x', [7])];
  mergePunctuations(words, DEFAULT_PREPEND_PUNCTUATIONS, DEFAULT_APPEND_PUNCTUATIONS);
  assert.deepEqual(
    words.map((w) => [w.word, w.tokens]),
    [['', []], [' "Hi,', [1, 2, 3]], ['', []], [' there', [4]], ['."', [5]], ['', []], [' ( x', [6, 7]]],
  );
  // '."' is not a substring of the appended marks, so it stays a word of its own (as in Python).
});

test('pythonRound: exact binary halves go to even, everything else to the nearest decimal', () => {
  assert.equal(pythonRound(0.125, 2), 0.12);
  assert.equal(pythonRound(0.375, 2), 0.38);
  assert.equal(pythonRound(2.675, 2), 2.67, '2.675 is 2.67499999... in binary');
  assert.equal(pythonRound(1.005, 2), 1);
  assert.equal(pythonRound(29.98 + 0.06, 2), 30.04);
  assert.equal(pythonRound(0.1 + 0.2, 2), 0.3);
});

test('add_word_timestamps: a long word after a pause is clipped to twice the median, segment bounds move to the words', async () => {
  const segments: TimedSegment[] = [{ seek: 1000, start: 10, end: 13, tokens: [50400, 1, 2, 3, 50500], words: [] }];
  const alignment = [
    { word: ' a', tokens: [1], start: 0.0, end: 2.0, probability: 0.9 },
    { word: ' b', tokens: [2], start: 2.0, end: 2.2, probability: 0.8 },
    { word: ' c', tokens: [3], start: 2.2, end: 2.5, probability: 0.7 },
  ];
  await addWordTimestamps(segments, async (text) => {
    assert.deepEqual(text, [1, 2, 3]);
    return alignment.map((w) => ({ ...w }));
  }, {
    eot: 50257,
    prependPunctuations: DEFAULT_PREPEND_PUNCTUATIONS,
    appendPunctuations: DEFAULT_APPEND_PUNCTUATIONS,
    lastSpeechTimestamp: 0,
    secondsPerFrame: (f) => (f * 160) / 16000,
  });
  const [seg] = segments as [TimedSegment];
  // Durations 2.0, 0.2, 0.3: median 0.3, max 0.6. First word ends 12 s after the last speech: start = end - 0.6.
  assert.deepEqual(seg.words.map((w) => [w.word, w.start, w.end]), [[' a', 11.4, 12], [' b', 12, 12.2], [' c', 12.2, 12.5]]);
  assert.equal(seg.start, 11.4);
  assert.equal(seg.end, 12.5);
});
