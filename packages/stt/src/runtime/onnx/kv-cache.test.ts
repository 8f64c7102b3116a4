import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../core/errors.js';
import { SOT_PROMPT, loadDevModel, readReference } from './parity-checks.js';
import type { LoadedWhisperModel } from '../index.js';
import type { EncoderOutput, KvCache } from '../types.js';
import { kvCacheStats } from './cache-stats.js';
import { kvRowView } from './kv-cache.js';

const SENTINEL = 12345.5;
let model: LoadedWhisperModel;
let enc: EncoderOutput;

before(async () => {
  model = await loadDevModel('merged');
  enc = await model.encoder.encode(readReference('mel_jfk_w0').data, 1);
});
after(async () => {
  await model.dispose();
});

/** Tensors per cache: key and value of each decoder layer. */
function tensorCount(): number {
  return 2 * model.decoder.dims.nDecoderLayers;
}

async function beams(batch: number, steps: number): Promise<KvCache> {
  const cache = model.decoder.createCache(enc, batch);
  await model.decoder.step(cache, Array.from({ length: batch }, () => SOT_PROMPT));
  for (let s = 0; s < steps; s++) await model.decoder.step(cache, Array.from({ length: batch }, (_, r) => [300 + 10 * s + r]));
  return cache;
}

test('two live beams never share cache storage: a sentinel in one row leaves the other unchanged', async () => {
  const cache = await beams(2, 2);
  try {
    assert.equal(cache.length, SOT_PROMPT.length + 2);
    for (let t = 0; t < tensorCount(); t++) {
      const other = kvRowView(cache, t, 1).slice();
      kvRowView(cache, t, 0).fill(SENTINEL);
      assert.deepEqual(kvRowView(cache, t, 1), other, `tensor ${t}: row 1 changed when row 0 was written`);
      assert.ok(kvRowView(cache, t, 0).every((v) => v === SENTINEL));
    }
  } finally {
    cache.dispose();
  }
});

test('after reorder with duplicated parents, children are copies, not aliases', async () => {
  const cache = await beams(3, 2);
  try {
    const rowBytes = 4 * kvRowView(cache, 0, 0).length;
    const before0 = Array.from({ length: tensorCount() }, (_, t) => kvRowView(cache, t, 0).slice());
    assert.equal(model.decoder.reorder(cache, [0, 1, 2]), 0, 'identity parents copy nothing');
    const bytes = model.decoder.reorder(cache, [0, 0, 2]);
    assert.equal(bytes, tensorCount() * rowBytes, 'exactly one row per tensor copied');
    for (let t = 0; t < tensorCount(); t++) {
      assert.deepEqual(kvRowView(cache, t, 1), before0[t], 'row 1 now holds row 0');
      kvRowView(cache, t, 0).fill(SENTINEL);
      assert.deepEqual(kvRowView(cache, t, 1), before0[t], `tensor ${t}: sibling changed with its twin`);
    }
    // Both children keep decoding independently after the reorder.
    const out = await model.decoder.step(cache, [[500], [500], [501]]);
    const v = out.vocab;
    assert.notDeepEqual(out.data.subarray(0, v), out.data.subarray(v, 2 * v), 'row 0 was overwritten, so its logits must differ from row 1');
    assert.equal(kvCacheStats(cache)?.reorderBytes, bytes);
  } finally {
    cache.dispose();
  }
});

test('a swap of two beams exchanges their rows', async () => {
  const cache = await beams(2, 1);
  try {
    const rows = [kvRowView(cache, 0, 0).slice(), kvRowView(cache, 0, 1).slice()];
    model.decoder.reorder(cache, [1, 0]);
    assert.deepEqual(kvRowView(cache, 0, 0), rows[1]);
    assert.deepEqual(kvRowView(cache, 0, 1), rows[0]);
  } finally {
    cache.dispose();
  }
});

test('beams sharing one prompt run it once at batch 1 and tile it; logits rows are equal', async () => {
  const cache = model.decoder.createCache(enc, 4);
  try {
    const out = await model.decoder.step(cache, Array.from({ length: 4 }, () => SOT_PROMPT));
    const row = out.seqLen * out.vocab;
    for (let r = 1; r < 4; r++) assert.deepEqual(out.data.subarray(r * row, (r + 1) * row), out.data.subarray(0, row));
    assert.ok((kvCacheStats(cache)?.tileBytes ?? 0) > 0);
  } finally {
    cache.dispose();
  }
});

test('logitPositions: the prompt call returns only the chosen positions, equal to the full logits, and tiles only them', async () => {
  const prompt = [...SOT_PROMPT, 400, 401, 402, 403];
  const full = model.decoder.createCache(enc, 4);
  const picked = model.decoder.createCache(enc, 4);
  try {
    const all = await model.decoder.step(full, Array.from({ length: 4 }, () => prompt));
    const positions = [0, prompt.length - 1];
    const out = await model.decoder.step(picked, Array.from({ length: 4 }, () => prompt), { logitPositions: positions });
    assert.equal(out.seqLen, 2);
    const v = out.vocab;
    for (let r = 0; r < 4; r++) {
      positions.forEach((p, j) => {
        const want = all.data.subarray((r * prompt.length + p) * v, (r * prompt.length + p + 1) * v);
        assert.deepEqual(out.data.subarray((r * 2 + j) * v, (r * 2 + j + 1) * v), want, `row ${r} position ${p}`);
      });
    }
    const selfTile = (kvCacheStats(full)?.tileBytes ?? 0) - 3 * prompt.length * v * 4;
    assert.equal(kvCacheStats(picked)?.tileBytes, selfTile + 3 * 2 * v * 4, 'logits tiled for 2 positions instead of all');
    // Later steps still give the same logits.
    const next = Array.from({ length: 4 }, (_, r) => [500 + r]);
    assert.deepEqual((await model.decoder.step(picked, next)).data, (await model.decoder.step(full, next)).data);
  } finally {
    full.dispose();
    picked.dispose();
  }
});

test('logitPositions that are empty, out of range or not increasing are typed errors', async () => {
  const cache = model.decoder.createCache(enc, 1);
  try {
    for (const logitPositions of [[], [SOT_PROMPT.length], [1, 1], [2, 0], [0.5]]) {
      await assert.rejects(model.decoder.step(cache, [SOT_PROMPT], { logitPositions }), (e: unknown) => e instanceof RuntimeError && e.code === 'DECODER_INPUT_INVALID');
    }
    assert.equal(cache.length, 0, 'a rejected call changes nothing');
  } finally {
    cache.dispose();
  }
});

test('caches are per call: stepping one cache does not change another', async () => {
  const a = await beams(1, 1);
  const b = await beams(1, 1);
  try {
    const before = kvRowView(b, 0, 0).slice();
    await model.decoder.step(a, [[999]]);
    kvRowView(a, 0, 0).fill(SENTINEL);
    assert.deepEqual(kvRowView(b, 0, 0), before);
    assert.equal(b.length, SOT_PROMPT.length + 1);
  } finally {
    a.dispose();
    b.dispose();
  }
});

test('bad calls give typed errors', async () => {
  const cache = await beams(2, 0);
  await assert.rejects(model.decoder.step(cache, [[1]]), RuntimeError, 'one row for two');
  await assert.rejects(model.decoder.step(cache, [[1], [2, 3]]), RuntimeError, 'ragged rows');
  await assert.rejects(model.decoder.step(cache, [[1], [model.decoder.dims.vocabSize]]), RuntimeError, 'id outside vocab');
  assert.throws(() => model.decoder.reorder(cache, [0, 2]), RuntimeError);
  assert.throws(() => model.decoder.createCache(enc, 0), RuntimeError);
  cache.dispose();
  await assert.rejects(model.decoder.step(cache, [[1], [2]]), (e: unknown) => e instanceof RuntimeError && e.code === 'KV_CACHE_DISPOSED');
  await assert.rejects(model.encoder.encode(new Float32Array(10), 1), RuntimeError);
});

/** Max |a - b| over two equally long arrays. */
function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

async function aloneLogits(input: EncoderOutput, prompt: readonly number[], next: number): Promise<Float32Array> {
  const cache = model.decoder.createCache(input, 1);
  try {
    await model.decoder.step(cache, [prompt]);
    return (await model.decoder.step(cache, [[next]])).data.slice();
  } finally {
    cache.dispose();
  }
}

test('rows with different prompts on one shared window match each row alone', async () => {
  const prompts = [SOT_PROMPT, [50258, 50259, 50359, 50364]];
  const cache = model.decoder.createCache(enc, 2);
  try {
    await model.decoder.step(cache, prompts);
    const out = await model.decoder.step(cache, [[440], [441]]);
    const v = out.vocab;
    for (const [row, prompt] of prompts.entries()) {
      const alone = await aloneLogits(enc, prompt, 440 + row);
      assert.ok(maxAbsDiff(out.data.subarray(row * v, (row + 1) * v), alone) <= 1e-4, `row ${row}`);
    }
  } finally {
    cache.dispose();
  }
});

test('a batch of two windows encodes and decodes like each window alone, also after swapping its rows', async () => {
  const mels = [readReference('mel_jfk_w0').data, readReference('mel_long_w0').data];
  const both = new Float32Array(mels[0]!.length * 2);
  mels.forEach((m, i) => both.set(m, i * m.length));
  const batchEnc = await model.encoder.encode(both, 2);
  assert.deepEqual(batchEnc.dims, [2, model.decoder.dims.nAudioCtx, model.decoder.dims.dModel]);
  const singles = await Promise.all(mels.map((m) => model.encoder.encode(m, 1)));
  const half = batchEnc.data.length / 2;
  singles.forEach((s, i) => assert.ok(maxAbsDiff(batchEnc.data.subarray(i * half, (i + 1) * half), s.data) <= 1e-4, `window ${i} encoder`));
  const cache = model.decoder.createCache(batchEnc, 2);
  try {
    await model.decoder.step(cache, [SOT_PROMPT, SOT_PROMPT]);
    const swapBytes = model.decoder.reorder(cache, [1, 0]);
    assert.ok(swapBytes > 0, 'a batch of windows reorders its cross-attention rows too');
    const out = await model.decoder.step(cache, [[450], [450]]);
    const v = out.vocab;
    // After the swap, row 0 decodes the long window and row 1 the jfk window.
    for (const [i, s] of [...singles].reverse().entries()) {
      const alone = await aloneLogits(s, SOT_PROMPT, 450);
      const scale = alone.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      assert.ok(maxAbsDiff(out.data.subarray(i * v, (i + 1) * v), alone) <= 1e-5 * scale, `window ${i} logits`);
    }
  } finally {
    cache.dispose();
  }
});

test('the merged decoder takes several new tokens per step after the prompt', async () => {
  const whole = model.decoder.createCache(enc, 1);
  const parts = model.decoder.createCache(enc, 1);
  try {
    const all = (await model.decoder.step(whole, [SOT_PROMPT])).data.slice();
    await model.decoder.step(parts, [SOT_PROMPT.slice(0, 1)]);
    const rest = await model.decoder.step(parts, [SOT_PROMPT.slice(1)]);
    assert.equal(parts.length, SOT_PROMPT.length);
    const v = rest.vocab;
    const scale = all.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    assert.ok(maxAbsDiff(rest.data, all.subarray(v)) <= 1e-5 * scale);
  } finally {
    whole.dispose();
    parts.dispose();
  }
});
