/**
 * The chunked strategy on a model with cross-attention outputs: word times come from DTW (`timing: 'dtw'`) and equal
 * OpenAI's word timestamps for the same window (jfk is one window; the sequential reference decodes the same tokens
 * at seek 0 with no prompt). Without an aligner the words are labelled `'estimated'`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWordAligner } from '../../alignment/index.js';
import { InvalidOptionError } from '../../core/errors.js';
import { readReferenceMel } from '../reference/load-reference.js';
import { loadTimestampedModel, readWordReference, wordOptionsFor, type TimestampedModel } from '../reference/word-reference.js';
import { createChunkedOverlapStrategy } from './strategy.js';

let tm: TimestampedModel;
before(async () => {
  tm = await loadTimestampedModel({ intraOpNumThreads: 1 });
});
after(async () => {
  await tm.model.dispose();
});

const audio = { samples: new Float32Array(0), sampleRate: 16_000 };

test('chunked: DTW word times equal OpenAI word timestamps of the same window; without an aligner they are estimates', async () => {
  const ref = readWordReference('jfk');
  const mel = readReferenceMel('mel_jfk_full.bin');
  const strategy = createChunkedOverlapStrategy({ windowSec: 30, overlapSec: 0, cleanup: { enabled: false } });
  const options = { ...wordOptionsFor(ref), wordTimestamps: false };
  const base = { encoder: tm.model.encoder, decoder: tm.model.decoder, tokenizer: tm.tokenizer };
  const aligned = await strategy.transcribe({ ...base, words: createWordAligner(tm.model.decoder, tm.tokenizer, tm.alignmentHeads) }, { audio, mel }, options);
  const words = aligned.segments.flatMap((s) => s.words ?? []);
  const expected = ref.segments.filter((s) => s.seek === 0).flatMap((s) => s.words);
  assert.ok(expected.length > 10);
  assert.deepEqual(
    words.map((w) => [w.text, w.startSec, w.endSec, w.timing]),
    expected.map((w) => [w.word.trim(), w.start, w.end, 'dtw']),
  );
  words.forEach((w, i) => assert.ok(Math.abs(w.probability - (expected[i]?.probability ?? -1)) < 1e-4));

  const estimated = await strategy.transcribe(base, { audio, mel }, options);
  const guessed = estimated.segments.flatMap((s) => s.words ?? []);
  assert.equal(guessed.length, words.length);
  assert.ok(guessed.every((w) => w.timing === 'estimated'));
  await assert.rejects(strategy.transcribe(base, { audio, mel }, { ...options, wordTimestamps: true }), (e: unknown) => e instanceof InvalidOptionError && e.details?.['option'] === 'wordTimestamps');
});
