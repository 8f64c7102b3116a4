/**
 * Word timestamps against OpenAI's `transcribe(word_timestamps=True, temperature=0)` on jfk (random-weight timestamped
 * fixture, OpenAI's mel): identical tokens and segment bounds, every word time equal. `npm run parity:words` also
 * runs long.wav and our own mel.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../core/errors.js';
import { createWordAligner } from '../../alignment/index.js';
import { sequentialStrategy } from '../sequential.js';
import { loadDevModel, readReferenceMel } from './load-reference.js';
import { compareWords, loadTimestampedModel, readWordReference, runWords, wordOptionsFor, type TimestampedModel } from './word-reference.js';

let tm: TimestampedModel;
before(async () => {
  tm = await loadTimestampedModel({ intraOpNumThreads: 1 });
});
after(async () => {
  await tm.model.dispose();
});

test('jfk: tokens, seeks, segment bounds and all 76 word times equal OpenAI; probabilities within 1e-4', async () => {
  const ref = readWordReference('jfk');
  const run = await runWords(tm, readReferenceMel('mel_jfk_full.bin'), wordOptionsFor(ref));
  const report = compareWords('jfk', ref, run);
  assert.deepEqual(report.tokenMismatches, []);
  assert.deepEqual(report.boundaryMismatches, []);
  assert.deepEqual(report.wordCountMismatches, []);
  assert.deepEqual(report.textMismatches, []);
  assert.equal(report.segments, 3);
  assert.equal(report.times, 76);
  assert.deepEqual(report.differences, []);
  assert.ok(report.worstProbability < 1e-4, `probability off by ${report.worstProbability}`);
});

test('a decoder export without cross_attentions outputs: typed error naming the timestamped export', async () => {
  const dev = await loadDevModel({ intraOpNumThreads: 1 });
  try {
    assert.equal(dev.model.decoder.hasCrossAttentions, false);
    const aligner = createWordAligner(dev.model.decoder, dev.tokenizer, [[1, 0]]);
    assert.throws(() => aligner.assertAvailable(), (e: unknown) => e instanceof RuntimeError && e.code === 'CROSS_ATTENTION_UNAVAILABLE' && /_timestamped/.test(e.hint ?? ''));
    const ctx = { encoder: dev.model.encoder, decoder: dev.model.decoder, tokenizer: dev.tokenizer, words: aligner };
    const ref = readWordReference('jfk');
    await assert.rejects(
      sequentialStrategy.transcribe(ctx, { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel: readReferenceMel('mel_jfk_full.bin') }, wordOptionsFor(ref)),
      (e: unknown) => e instanceof RuntimeError && e.code === 'CROSS_ATTENTION_UNAVAILABLE',
    );
  } finally {
    await dev.model.dispose();
  }
});

test('the alignment pass returns softmax rows over all 1500 frames for the requested heads, and checks the heads', async () => {
  const mel = readReferenceMel('mel_jfk_w0.bin');
  const encoded = await tm.model.encoder.encode(mel.data, 1);
  const decoder = tm.model.decoder;
  assert.equal(decoder.hasCrossAttentions, true);
  const tokens = [50258, 50259, 50359, 50363, 1439, 20635, 50257];
  const runAlignment = decoder.crossAttentions?.bind(decoder);
  assert.ok(runAlignment !== undefined);
  const run = await runAlignment(encoded, tokens, [[1, 1], [0, 0]]);
  assert.equal(run.seqLen, 7);
  assert.equal(run.frames, 1500);
  assert.equal(run.weights.length, 2 * 7 * 1500);
  assert.equal(run.logits.length, 7 * run.vocab);
  for (let r = 0; r < 14; r++) {
    const sum = run.weights.subarray(r * 1500, (r + 1) * 1500).reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(sum - 1) < 1e-4, `row ${r} sums to ${sum}`);
  }
  await assert.rejects(runAlignment(encoded, tokens, [[2, 0]]), (e: unknown) => e instanceof RuntimeError && e.code === 'DECODER_INPUT_INVALID');
});

test('a differing word time is reported with the smallest DTW decision margin on our path near it', () => {
  const ref = readWordReference('jfk');
  const segments = ref.segments.map((s) => ({
    id: s.id, seek: s.seek, startSec: s.start, endSec: s.end, text: s.text, tokenIds: s.tokens, tokens: [],
    temperature: 0, avgLogprob: 0, compressionRatio: 0, noSpeechProb: 0,
    words: s.words.map((w) => ({ text: w.word, startSec: w.start, endSec: w.end, probability: w.probability, confidence: 1, timing: 'dtw' as const })),
  }));
  const first = segments[0]?.words[1];
  assert.ok(first !== undefined && segments[0] !== undefined);
  segments[0].words[1] = { ...first, endSec: first.endSec + 0.02 };
  // A 2-row × 20-frame path along row 0 then row 1, with one near-tie (margin 1e-6) at frame 6.
  const cols = 20;
  const margins = new Float32Array(3 * (cols + 1)).fill(1);
  margins[1 * (cols + 1) + 7] = 1e-6;
  const path = { textIndices: Int32Array.from({ length: cols }, (_, j) => (j < 10 ? 0 : 1)), timeIndices: Int32Array.from({ length: cols }, (_, j) => j), margins, totalCost: 0 };
  const detail = { seek: 0, textTokens: [], numFrames: 40, cost: { cost: new Float64Array(2 * cols), rows: 2, cols }, path, words: [], runMs: 0, alignMs: 0 };
  const result = { language: 'en', languageProbs: null, text: ref.text, segments, durationSec: 11, windows: [] };
  const report = compareWords('fabricated', ref, { result, details: new Map([[0, detail]]), runMs: 0, alignMs: 0, totalMs: 0 });
  assert.equal(report.timesEqual, report.times - 1);
  assert.equal(report.differences.length, 1);
  const d = report.differences[0];
  assert.ok(d !== undefined);
  assert.equal(d.which, 'end');
  assert.ok(d.margin !== null && Math.abs(d.margin - 1e-6) < 1e-12, `margin ${String(d.margin)}`);
});
