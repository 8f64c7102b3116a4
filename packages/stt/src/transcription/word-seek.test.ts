/** The word-timestamp part of the sequential loop on hand-worked windows (OpenAI transcribe(), word_timestamps=True). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimedSegment, WordTiming } from '../alignment/index.js';
import { DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS } from '../alignment/index.js';
import { isSegmentAnomaly, lastEnd, timeWindowWords, wordAnomalyScore } from './word-seek.js';

const TS = 50365;
const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

function segment(): TimedSegment {
  return { seek: 1000, start: 10, end: 14, tokens: [TS, 1, 2, TS + 200], words: [] };
}

function options(threshold: number | null) {
  return { eot: 50257, prependPunctuations: DEFAULT_PREPEND_PUNCTUATIONS, appendPunctuations: DEFAULT_APPEND_PUNCTUATIONS, hallucinationSilenceThresholdSec: threshold };
}

function aligner(words: readonly [string, number, number, number][]) {
  return async (): Promise<WordTiming[]> => words.map(([word, start, end, probability], i) => ({ word, tokens: [i + 1], start, end, probability }));
}

const window = (segments: TimedSegment[], lastSpeechTimestamp = 0) => ({
  segments,
  singleTimestampEnding: false,
  previousSeek: 1000,
  segmentFrames: 3000,
  seek: 1200,
  contentFrames: 10_000,
  lastSpeechTimestamp,
});

test('anomaly score: improbable, very short and very long words; punctuation-only words do not count', () => {
  assert.ok(near(wordAnomalyScore({ word: ' a', start: 0, end: 0.05, probability: 0.1, tokens: [] }), 1 + 0.083 * 15));
  assert.ok(near(wordAnomalyScore({ word: ' a', start: 0, end: 3, probability: 0.9, tokens: [] }), 1));
  assert.equal(wordAnomalyScore({ word: ' a', start: 0, end: 0.5, probability: 0.9, tokens: [] }), 0);
  const seg = { ...segment(), words: [{ word: ',', start: 0, end: 0.01, probability: 0, tokens: [] }, { word: ' ok', start: 0, end: 0.5, probability: 0.9, tokens: [] }] };
  assert.equal(isSegmentAnomaly(seg), false, 'the comma is ignored, " ok" scores 0');
  assert.equal(isSegmentAnomaly(undefined), false);
  assert.equal(lastEnd([]), null);
  assert.equal(lastEnd([seg, { ...segment(), words: [] }]), 0.5, 'the last word, not the last (wordless) segment');
});

test('seek moves to the last word end; a long word after a pause is clipped to twice the median duration', async () => {
  const segs = [segment()];
  const out = await timeWindowWords(window(segs), aligner([[' a', 0.5, 1.0, 0.9], [' b', 1.0, 3.5, 0.9]]), options(null));
  // Median 1.5 capped at 0.7, max 1.4: ' b' (2.5 s) splits at max(13.5 / 2, 13.5 - 1.4) = 12.1; ' a' starts 1.4 earlier.
  const [a, b] = segs[0]?.words ?? [];
  assert.ok(a !== undefined && b !== undefined);
  assert.ok(near(a.start, 10.7) && near(a.end, 12.1) && near(b.start, 12.1) && near(b.end, 13.5));
  assert.ok(near(segs[0]?.start ?? 0, 10.7) && near(segs[0]?.end ?? 0, 13.5));
  assert.deepEqual(out, { seek: 1350, skipWindow: false, lastSpeechTimestamp: 13.5 });
});

test('hallucination threshold: an anomalous first segment after a long silence skips the silence and redecodes', async () => {
  const out = await timeWindowWords(window([segment()]), aligner([[' a', 5.0, 5.05, 0.05]]), options(2));
  assert.deepEqual(out, { seek: 1500, skipWindow: true, lastSpeechTimestamp: 0 });
});

test('hallucination threshold: speech ending less than the threshold before the window end takes the whole window', async () => {
  const segs = [segment()];
  const out = await timeWindowWords(window(segs, 37), aligner([[' a', 27.0, 27.8, 0.9], [' b', 27.8, 28.5, 0.9]]), options(2));
  assert.deepEqual(out, { seek: 4000, skipWindow: false, lastSpeechTimestamp: 38.5 });
  assert.equal(segs.length, 1);
});

test('hallucination threshold: an anomalous segment between silences is dropped and the seek lands on it', async () => {
  const speech = segment();
  const noise = { ...segment(), tokens: [TS + 500, 3, TS + 600] };
  const segs = [speech, noise];
  const words: [string, number, number, number][] = [[' a', 0.2, 0.8, 0.9], [' b', 0.8, 1.5, 0.9], [' zz', 20.0, 20.02, 0.01]];
  const out = await timeWindowWords(window(segs, 9), aligner(words), options(3));
  // ' zz' at 30.00-30.02 s scores 1 + (0.133 - 0.02) * 15 ≥ 1 word: anomalous. Silence before (30.0 - 11.5 > 3) and
  // after (nothing follows; the window ends at 40 s, 40 - 30.02 > 3): dropped, seek = round(max(11, 30.0) * 100).
  assert.equal(segs.length, 1);
  assert.deepEqual(out, { seek: 3000, skipWindow: false, lastSpeechTimestamp: 11.5 });
});
