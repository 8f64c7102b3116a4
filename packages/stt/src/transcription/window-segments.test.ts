import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitWindow, WINDOW_TIME_PRECISION } from './window-segments.js';
import { fallbackReasons, shouldSkipWindow, DEFAULT_THRESHOLDS } from './quality-gates.js';
import { roundHalfEven, seekClips } from './seek-clips.js';

const TB = 50364;
const ts = (sec: number) => TB + Math.round(sec / WINDOW_TIME_PRECISION);

test('consecutive timestamps close segments; without a final single timestamp, seek goes to the last pair', () => {
  const tokens = [ts(0), 10, 11, ts(1.5), ts(1.5), 12, ts(3), ts(3), 13];
  const r = splitWindow(tokens, TB, 30, 3000);
  assert.deepEqual(
    r.segments.map((s) => [s.startSec, s.endSec, s.tokenStart, s.tokenEnd]),
    [
      [30, 31.5, 0, 4],
      [31.5, 33, 4, 7],
    ],
  );
  assert.equal(r.seekAdvanceFrames, 300, 'seek to <|3.00|> = 300 frames');
});

test('a single timestamp at the end means no speech after it: seek over the whole slice', () => {
  const tokens = [ts(0), 10, ts(2), ts(2), 11, ts(4)];
  const r = splitWindow(tokens, TB, 0, 2500);
  assert.deepEqual(r.segments.map((s) => [s.startSec, s.endSec]), [[0, 2], [2, 4]]);
  assert.equal(r.seekAdvanceFrames, 2500);
});

test('no timestamp pair: one segment up to the last timestamp (or the whole slice)', () => {
  const a = splitWindow([ts(0), 10, 11, ts(7.2)], TB, 60, 3000);
  assert.deepEqual(a.segments, [{ startSec: 60, endSec: 60 + 360 * WINDOW_TIME_PRECISION, tokenStart: 0, tokenEnd: 4 }]);
  assert.equal(a.seekAdvanceFrames, 3000);
  const b = splitWindow([10, 11], TB, 0, 1234);
  assert.deepEqual(b.segments.map((s) => s.endSec), [12.34]);
});

test('segments are ordered, within the window, and seek always moves forward (property)', () => {
  const tsArb = fc.integer({ min: 0, max: 1500 }).map((i) => TB + i);
  fc.assert(
    fc.property(fc.array(fc.oneof(tsArb, fc.integer({ min: 0, max: 50000 })), { maxLength: 60 }), fc.integer({ min: 1, max: 3000 }), (raw, frames) => {
      // Timestamps as the decoder emits them: non-decreasing.
      let last = TB;
      const tokens = raw.map((t) => (t >= TB ? (last = Math.max(last, t)) : t));
      const r = splitWindow(tokens, TB, 10, frames);
      for (const s of r.segments) assert.ok(s.tokenStart < s.tokenEnd || tokens.length === 0);
      for (let i = 1; i < r.segments.length; i++) assert.equal(r.segments[i]?.tokenStart, r.segments[i - 1]?.tokenEnd);
      assert.ok(r.seekAdvanceFrames >= 0);
    }),
  );
});

test('quality gates: fallback on repetitive or improbable text, never on silence; skip rule', () => {
  const t = DEFAULT_THRESHOLDS;
  assert.deepEqual(fallbackReasons({ compressionRatio: 2.5, avgLogprob: -0.2, noSpeechProb: 0.1 }, t), ['compression_ratio 2.50 > 2.4']);
  assert.deepEqual(fallbackReasons({ compressionRatio: 1.5, avgLogprob: -1.2, noSpeechProb: 0.1 }, t), ['avg_logprob -1.20 < -1']);
  assert.deepEqual(fallbackReasons({ compressionRatio: 3, avgLogprob: -1.2, noSpeechProb: 0.7 }, t), [], 'silence: no fallback');
  assert.equal(shouldSkipWindow({ compressionRatio: 1, avgLogprob: -1.2, noSpeechProb: 0.7 }, t), true);
  assert.equal(shouldSkipWindow({ compressionRatio: 1, avgLogprob: -1.0, noSpeechProb: 0.7 }, t), true, 'avg must be above -1 to keep');
  assert.equal(shouldSkipWindow({ compressionRatio: 1, avgLogprob: -0.5, noSpeechProb: 0.7 }, t), false);
  assert.equal(shouldSkipWindow({ compressionRatio: 1, avgLogprob: -3, noSpeechProb: 0.5 }, t), false);
  assert.deepEqual(fallbackReasons({ compressionRatio: 9, avgLogprob: -9, noSpeechProb: 0 }, { compressionRatio: null, logprob: null, noSpeech: null }), []);
});

test('clip timestamps become frame ranges with Python rounding; an odd list runs to the end', () => {
  assert.equal(roundHalfEven(2.5), 2);
  assert.equal(roundHalfEven(3.5), 4);
  assert.equal(roundHalfEven(-0.5), -0);
  assert.deepEqual(seekClips([], 5000), [[0, 5000]]);
  assert.deepEqual(seekClips([1.5, 10, 20], 5000), [[150, 1000], [2000, 5000]]);
});
