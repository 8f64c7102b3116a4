import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupText } from '@cephalon/stt';
import { evaluateFixtures } from './fixtures-eval.js';
import { readFixture } from './suite.js';

test('cleanup lowers WER against fixture 0 on fixtures 1, 3, 4 and 8 (Whisper English normalisation)', () => {
  for (const r of evaluateFixtures(['01', '03', '04', '08'])) {
    assert.ok(r.werAfter < r.werBefore, `fixture ${r.id}: ${r.werBefore} -> ${r.werAfter}`);
  }
});

test('fixture 9: the cleanup removes exactly the duplicated passage and the "going to" echo (WER rises, see docs)', () => {
  const r = cleanupText(readFixture('09'));
  assert.deepEqual(r.removals.map((x) => x.kind).sort(), ['echo', 'passage']);
  const [row] = evaluateFixtures(['09']);
  // Known: the duplicate passage was standing in for reference words the run lost, so removing it raises WER.
  assert.ok(row !== undefined && row.werAfter - row.werBefore < 0.02, `fixture 9 WER ${row?.werBefore} -> ${row?.werAfter}`);
});

test('fixture 0 (reference, with its genuine repeat) is left unchanged', () => {
  assert.equal(cleanupText(readFixture('00')).removals.length, 0);
});
