import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError } from '../src/core/errors.js';
import { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../src/decoding/index.js';
import type { WindowDecodeOptions } from '../src/decoding/index.js';
import { exportWhisper } from '../src/export/export-model.js';
import { onnx } from '../src/export/onnx-builder.js';
import { MaskedStaticDecoder } from '../src/research/masks/index.js';
import { DEV_MODEL_DIR, loadDevModel, readReferenceJson, readReferenceMel } from '../src/transcription/reference/load-reference.js';
import type { RefDecodeFile } from '../src/transcription/reference/load-reference.js';

const greedy: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: 'en', withoutTimestamps: true };

test('graded masks on the static dev export: inputs, exact mask = plain static decode = OpenAI tokens, int values are not grades, zero bias changes nothing, masks change decodes', async () => {
  const plainDir = mkdtempSync(join(tmpdir(), 'masks-plain-'));
  const biasDir = mkdtempSync(join(tmpdir(), 'masks-bias-'));
  try {
    await exportWhisper(DEV_MODEL_DIR, { out: plainDir, static: true, cacheLength: 160 });
    await exportWhisper(DEV_MODEL_DIR, { out: biasDir, static: true, cacheLength: 160, attentionBias: true });
    // Feasibility (section 5.3): the mask is int64 [1, N]; the research export adds a float bias [1, N].
    const inputs = (dir: string) => onnx.ModelProto.decode(readFileSync(join(dir, 'onnx', 'decoder_step_model.onnx'))).graph?.input ?? [];
    const shape = (dir: string, name: string) => {
      const i = inputs(dir).find((x) => x.name === name);
      return i === undefined ? null : { type: i.type?.tensorType?.elemType, dims: (i.type?.tensorType?.shape?.dim ?? []).map((d) => Number(String(d.dimValue))) };
    };
    assert.deepEqual(shape(plainDir, 'attention_mask'), { type: onnx.TensorProto.DataType.INT64, dims: [1, 160] });
    assert.equal(shape(plainDir, 'attention_bias'), null, 'the default export is unchanged: no bias input');
    assert.deepEqual(shape(biasDir, 'attention_bias'), { type: onnx.TensorProto.DataType.FLOAT, dims: [1, 160] });

    const plain = await loadDevModel({}, `${plainDir}/`, 0);
    const biased = await loadDevModel({}, `${biasDir}/`, 0);
    try {
      const file = readReferenceJson<RefDecodeFile>('decode_jfk.json');
      const ref = file.cases['greedy_no_ts'];
      assert.ok(ref !== undefined);
      const encoded = await plain.model.encoder.encode(readReferenceMel(file.mel).data, 1);
      const options = { ...greedy, sampleLen: 40 };
      const decodeWith = (decoder: MaskedStaticDecoder | typeof plain.model.decoder, tokenizer = plain.tokenizer) => decodeWindow({ decoder, tokenizer }, encoded, options);
      const base = await decodeWith(plain.model.decoder);
      assert.deepEqual(base.tokens, ref.tokens.slice(0, 40), 'the plain static decode follows OpenAI');
      const run = async (model: typeof plain, s: ConstructorParameters<typeof MaskedStaticDecoder>[1]) => {
        const masked = new MaskedStaticDecoder(model.model.decoder, s);
        try {
          return await decodeWith(masked);
        } finally {
          masked.detach();
        }
      };
      const exact = await run(plain, { kind: 'exact' });
      assert.deepEqual(exact.tokens, base.tokens);
      assert.equal(exact.sumLogprob, base.sumLogprob);
      // The graph turns the int64 mask into "blocked = (m == 0)": 2 attends exactly like 1.
      const two = await run(plain, { kind: 'int-value', value: 2 });
      assert.deepEqual(two.tokens, base.tokens);
      assert.equal(two.sumLogprob, base.sumLogprob);
      // The bias graph with a zero bias (and decay 1 = weight 1 everywhere) decodes like the plain graph.
      const zero = await decodeWith(biased.model.decoder);
      assert.deepEqual(zero.tokens, base.tokens);
      const decay1 = await run(biased, { kind: 'decay', gamma: 1 });
      assert.deepEqual(decay1.tokens, base.tokens);
      // A window as long as the cache is the exact mask; short windows and strong decays do change the decode.
      assert.deepEqual((await run(plain, { kind: 'window', width: 160 })).tokens, base.tokens);
      const w1 = await run(plain, { kind: 'window', width: 1 });
      assert.notDeepEqual(w1.tokens, base.tokens);
      const decay = await run(biased, { kind: 'decay', gamma: 0.01 });
      assert.notDeepEqual(decay.tokens, base.tokens);
      // Confidence masks with threshold 0 block nothing.
      assert.deepEqual((await run(plain, { kind: 'confidence', frame: 160, threshold: 0 })).tokens, base.tokens);
      // A graded strategy on a graph without the bias input is a typed error, not a silent exact decode.
      assert.throws(() => new MaskedStaticDecoder(plain.model.decoder, { kind: 'decay', gamma: 0.9 }), (e: unknown) => e instanceof RuntimeError && /attention_bias/.test(e.message));
    } finally {
      await plain.model.dispose();
      await biased.model.dispose();
    }
  } finally {
    rmSync(plainDir, { recursive: true, force: true });
    rmSync(biasDir, { recursive: true, force: true });
  }
});
