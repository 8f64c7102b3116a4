import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLcsMerge } from './lcs-merge.js';
import { alignOverlap } from './text-join.js';
import { createTimedMerge } from './timed-merge.js';
import type { WindowTranscript } from './types.js';

const fixture0 = readFileSync(new URL('../../test/fixtures/stt-test-data/fixture-00.txt', import.meta.url), 'utf8').trim();
const words = fixture0.split(/\s+/);
const untimed = (ws: readonly string[]) => ws.map((text) => ({ text }));

/** Three text-only windows of fixture 0 (~80 s): windows 2 and 3 start with junk, then echo 20-40 words. */
function heldOutShape(lead: readonly string[], echo2: number, echo3: number): WindowTranscript[] {
  const a = 95;
  const b = 180;
  return [
    { startSec: 0, endSec: 30, words: untimed(words.slice(0, a)) },
    { startSec: 25, endSec: 55, words: untimed([...lead, ...words.slice(a - echo2, b)]) },
    { startSec: 50, endSec: 80, words: untimed([...lead, ...words.slice(b - echo3)]) },
  ];
}

test('text-only windows whose echo starts at word 2-5 are joined without duplicating or dropping a word', () => {
  for (const lead of [['uh'], ['to', 'so'], ['the', 'um', 'st'], ['a', 'to', 'is', 'it']]) {
    for (const [e2, e3] of [[20, 40], [10, 33], [60, 25]] as const) {
      const merged = createTimedMerge().merge(heldOutShape(lead, e2, e3));
      assert.equal(merged.text, fixture0, `lead ${lead.join(' ')}, echoes ${e2}/${e3}`);
      assert.equal(merged.timing, 'estimated');
    }
  }
});

test('on the same windows the default merge is at least as good as lcs, and estimated-time joins alone are not', () => {
  const ws = heldOutShape(['to', 'so', 'I'], 30, 40);
  const extra = (text: string): number => text.split(/\s+/).length - words.length;
  assert.equal(extra(createTimedMerge().merge(ws).text), 0);
  assert.ok(extra(createLcsMerge().merge(ws).text) >= 0);
  // Before issue 12 (estimated times only) both echoes were kept: the check that the new path is what fixes it.
  assert.ok(extra(createTimedMerge({ textAlignWithoutTimes: false }).merge(ws).text) > 10);
});

test('alignOverlap: periodic text does not pull the overlap off by one period; no overlap gives undefined', () => {
  const a = 'x y z it was the best of times it was the worst of times it was the age of at'.split(' ');
  const b = 'that timed as was the worst of times it was the age of at it was the age of foolishness it was the epoch'.split(' ');
  const cols = alignOverlap(a, b, 8, 4) ?? [];
  assert.deepEqual([cols[0]?.a, cols[0]?.b, cols.at(-1)?.a, cols.at(-1)?.b], [a.indexOf('was', 10), 3, a.length - 1, 13]);
  assert.equal(alignOverlap('one two three four'.split(' '), 'five six seven eight'.split(' '), 8, 4), undefined);
});

test('with decoded times the text path is not used (timed merge unchanged)', () => {
  const timed = (ws: readonly string[], t0: number) => ws.map((text, i) => ({ text, startSec: t0 + 0.4 * i, endSec: t0 + 0.4 * i + 0.3, confidence: 0.9 }));
  const w = [
    { startSec: 0, endSec: 12, words: timed(words.slice(0, 30), 0) },
    { startSec: 10, endSec: 22, words: timed(words.slice(25, 55), 10) },
  ];
  const on = createTimedMerge().merge(w);
  const off = createTimedMerge({ textAlignWithoutTimes: false }).merge(w);
  assert.equal(on.timing, 'decoded');
  assert.deepEqual(on.words, off.words);
});
