import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Segment } from '../../core/types.js';
import { collectChunks, restoreSegmentTimes, SpeechTimestampsMap } from './speech-map.js';

const REGIONS = [
  { start: 1000, end: 3000 },
  { start: 5000, end: 6000 },
  { start: 10000, end: 12000 },
];

test('collectChunks joins regions in order and packs them into chunks of at most maxSamples', () => {
  const audio = Float32Array.from({ length: 13000 }, (_, i) => i);
  const [all] = collectChunks(audio, REGIONS);
  assert.equal(all?.samples.length, 5000);
  assert.deepEqual([all?.samples[0], all?.samples[1999], all?.samples[2000], all?.samples[3000]], [1000, 2999, 5000, 10000]);
  const packed = collectChunks(audio, REGIONS, 3000);
  assert.deepEqual(packed.map((c) => [c.offset, c.samples.length, c.regions.length]), [[0, 3000, 2], [3000, 2000, 1]]);
  assert.deepEqual(collectChunks(audio, []), []);
  // A region longer than the limit still gets a chunk of its own.
  assert.deepEqual(collectChunks(audio, [{ start: 0, end: 5000 }], 3000).map((c) => c.samples.length), [5000]);
});

test('SpeechTimestampsMap adds the silence removed before the region of a time (faster-whisper rules)', () => {
  // At 1000 Hz: silence before the regions 1 s, 3 s, 7 s; region ends on the joined timeline 2000, 3000, 5000.
  const map = new SpeechTimestampsMap(REGIONS, 1000);
  assert.equal(map.originalTime(0.5), 1.5);
  assert.equal(map.originalTime(2.0), 5.0); // a start at a region's end belongs to the next region
  assert.equal(map.originalTime(2.0, undefined, true), 3.0); // an end there stays in its region
  assert.equal(map.originalTime(4.9), 11.9);
  assert.equal(map.originalTime(6.0), 13.0); // past the end: the last region
  assert.equal(map.originalTime(0.1234), 1.12); // rounded to 2 decimals
});

function segment(startSec: number, endSec: number, words?: [number, number][]): Segment {
  return {
    id: 0, seek: 0, startSec, endSec, text: ' x', tokenIds: [], tokens: [], temperature: 0, avgLogprob: 0, compressionRatio: 1, noSpeechProb: 0,
    ...(words === undefined ? {} : { words: words.map(([s, e]) => ({ text: 'x', startSec: s, endSec: e, confidence: 1, probability: 1, timing: 'dtw' as const })) }),
  };
}

test('restoreSegmentTimes maps segments, and words within the region of their middle', () => {
  const map = new SpeechTimestampsMap(REGIONS, 1000);
  const [plain, worded] = restoreSegmentTimes([segment(0.2, 2.0), segment(1.5, 4.0, [[1.5, 1.9], [1.95, 2.2], [2.9, 3.5]])], map);
  assert.deepEqual([plain?.startSec, plain?.endSec], [1.2, 3.0]);
  // The word [1.95, 2.2] has its middle (2.075) in region 1: both its ends get that region's +3 s, its start too.
  assert.deepEqual(worded?.words?.map((w) => [w.startSec, w.endSec]), [[2.5, 2.9], [4.95, 5.2], [9.9, 10.5]]);
  assert.deepEqual([worded?.startSec, worded?.endSec], [2.5, 10.5]);
});
