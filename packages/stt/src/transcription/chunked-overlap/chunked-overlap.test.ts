import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../core/errors.js';
import { lastTokens, planWindows, transcribeChunkedOverlap, type WindowDecoder, type WindowSpec } from './chunked-overlap.js';

const WORDS = 'we hold these truths to be self evident that all men are created equal that they are endowed by their creator'.split(' ');
const SEC_PER_WORD = 0.5;

/** A fake decoder that "hears" the words whose centre lies in the window, with window-relative times. */
function fakeDecoder(withTimes: boolean, calls: number[], seen: WindowSpec[] = []): WindowDecoder {
  return async (batch) => {
    calls.push(batch.length);
    seen.push(...batch);
    return batch.map((w) =>
      WORDS.flatMap((text, i) => {
        const c = i * SEC_PER_WORD + 0.2;
        if (c < w.startSec || c >= w.endSec) return [];
        const tokenIds = [100 + 2 * i, 101 + 2 * i];
        return [withTimes ? { text, tokenIds, startSec: i * SEC_PER_WORD - w.startSec, endSec: i * SEC_PER_WORD + 0.4 - w.startSec, confidence: 0.9 } : { text, tokenIds }];
      }),
    );
  };
}

const DURATION_SEC = WORDS.length * SEC_PER_WORD;

test('windows are decoded in batches and merged into the full text, with and without timestamps', async () => {
  for (const withTimes of [true, false]) {
    const calls: number[] = [];
    const progress: number[] = [];
    const r = await transcribeChunkedOverlap(DURATION_SEC, fakeDecoder(withTimes, calls), { windowSec: 3, overlapSec: 1, batchSize: 2, priorTokens: 0, onProgress: (d) => progress.push(d) });
    assert.equal(r.text, WORDS.join(' '));
    assert.ok(calls.every((n) => n <= 2) && calls.length === Math.ceil(r.windows.length / 2));
    assert.equal(progress[progress.length - 1], r.windows.length);
  }
});

test('window planning covers the audio and rejects bad settings', () => {
  assert.deepEqual(planWindows(10, 4, 1), [{ startSec: 0, endSec: 4 }, { startSec: 3, endSec: 7 }, { startSec: 6, endSec: 10 }]);
  assert.throws(() => planWindows(10, 4, 4), InvalidOptionError);
});

test('prompt passing: each window gets the last N tokens of the cleaned transcript so far, and windows run one at a time', async () => {
  for (const withTimes of [true, false]) {
    const calls: number[] = [];
    const seen: WindowSpec[] = [];
    const r = await transcribeChunkedOverlap(DURATION_SEC, fakeDecoder(withTimes, calls, seen), { windowSec: 3, overlapSec: 1, batchSize: 4, priorTokens: 5 });
    assert.equal(r.text, WORDS.join(' '));
    assert.ok(calls.every((n) => n === 1), 'sequential: one window per call');
    assert.deepEqual(seen[0]?.promptTokens, []);
    for (const w of seen.slice(1)) {
      // Cleaned transcript so far = the words of every window before this one, merged without duplicates.
      const before = r.windows.filter((_, k) => k < w.index).flatMap((x) => x.words);
      const lastWord = WORDS.lastIndexOf(before[before.length - 1]?.text ?? '');
      const ids = WORDS.slice(0, lastWord + 1).flatMap((_, i) => [100 + 2 * i, 101 + 2 * i]);
      assert.deepEqual(w.promptTokens, ids.slice(-5), `window ${w.index}`);
    }
  }
  const seen: WindowSpec[] = [];
  await transcribeChunkedOverlap(DURATION_SEC, fakeDecoder(true, [], seen), { windowSec: 3, overlapSec: 1, priorTokens: 0 });
  assert.ok(seen.every((w) => w.promptTokens === undefined), 'priorTokens 0: no prompt passing');
  await assert.rejects(transcribeChunkedOverlap(DURATION_SEC, fakeDecoder(true, []), { priorTokens: -1 }), InvalidOptionError);
});

test('lastTokens keeps the newest tokens and leaves out special ids', () => {
  const words = [{ text: 'a', tokenIds: [4, 15] }, { text: 'b', tokenIds: [999, 50257] }, { text: 'c', tokenIds: [312, 7, 22, 61] }];
  assert.deepEqual(lastTokens(words, 4), [312, 7, 22, 61]);
  assert.deepEqual(lastTokens(words, 6, 50257), [15, 999, 312, 7, 22, 61]);
});
