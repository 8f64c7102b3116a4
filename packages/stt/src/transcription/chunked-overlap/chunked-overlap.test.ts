import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../core/errors.js';
import { planWindows, transcribeChunkedOverlap, type WindowDecoder } from './chunked-overlap.js';

const WORDS = 'we hold these truths to be self evident that all men are created equal that they are endowed by their creator'.split(' ');
const SEC_PER_WORD = 0.5;

/** A fake decoder that "hears" the words whose centre lies in the window, with window-relative times. */
function fakeDecoder(withTimes: boolean, calls: number[]): WindowDecoder {
  return async (batch) => {
    calls.push(batch.length);
    return batch.map((w) =>
      WORDS.flatMap((text, i) => {
        const c = i * SEC_PER_WORD + 0.2;
        if (c < w.startSec || c >= w.endSec) return [];
        return [withTimes ? { text, startSec: i * SEC_PER_WORD - w.startSec, endSec: i * SEC_PER_WORD + 0.4 - w.startSec, confidence: 0.9 } : { text }];
      }),
    );
  };
}

const DURATION_SEC = WORDS.length * SEC_PER_WORD;

test('windows are decoded in batches and merged into the full text, with and without timestamps', async () => {
  for (const withTimes of [true, false]) {
    const calls: number[] = [];
    const progress: number[] = [];
    const r = await transcribeChunkedOverlap(DURATION_SEC, fakeDecoder(withTimes, calls), { windowSec: 3, overlapSec: 1, batchSize: 2, onProgress: (d) => progress.push(d) });
    assert.equal(r.text, WORDS.join(' '));
    assert.ok(calls.every((n) => n <= 2) && calls.length === Math.ceil(r.windows.length / 2));
    assert.equal(progress[progress.length - 1], r.windows.length);
  }
});

test('window planning covers the audio and rejects bad settings', () => {
  assert.deepEqual(planWindows(10, 4, 1), [{ startSec: 0, endSec: 4 }, { startSec: 3, endSec: 7 }, { startSec: 6, endSec: 10 }]);
  assert.throws(() => planWindows(10, 4, 4), InvalidOptionError);
});
