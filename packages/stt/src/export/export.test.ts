import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError, ModelCorruptError } from '../core/errors.js';
import { exportDimsFromConfig } from './dims.js';
import { exportWhisper, parseExportDtype } from './export-model.js';
import { onnx } from './onnx-builder.js';
import { compareExportedModel } from './parity.js';
import { readSafetensors, readSafetensorsFile } from './safetensors.js';
import { whisperWeights } from './whisper-weights.js';
import { randomWeights } from './random-weights.js';
import { specialIds, writeModelFiles } from './vocab-variants.js';

const DEV = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random/', import.meta.url));
const TIMESTAMPED = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random_timestamped/', import.meta.url));

/** A safetensors file with the given tensors (test fixture writer: header JSON + raw bytes). */
function writeSafetensors(file: string, tensors: Record<string, { dtype: string; shape: number[]; bytes: Uint8Array }>): void {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  writeFileSync(file, Buffer.concat([len, json, ...Object.values(tensors).map((t) => Buffer.from(t.bytes))]));
}

test('safetensors: F32, F16 and BF16 tensors read as float32; a bad header is a ModelCorruptError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-'));
  try {
    const f32 = new Float32Array([1.5, -2, 3.25]);
    const f16 = new Uint16Array([0x3c00, 0xc000, 0x3555]); // 1, -2, 0.333251953125
    const bf16 = new Uint16Array([0x3fc0, 0xc040]); // 1.5, -3
    const file = join(dir, 'model.safetensors');
    writeSafetensors(file, {
      a: { dtype: 'F32', shape: [3], bytes: new Uint8Array(f32.buffer) },
      b: { dtype: 'F16', shape: [1, 3], bytes: new Uint8Array(f16.buffer) },
      c: { dtype: 'BF16', shape: [2], bytes: new Uint8Array(bf16.buffer) },
    });
    const t = readSafetensors(dir);
    assert.deepEqual([...(t.get('a')?.data ?? [])], [1.5, -2, 3.25]);
    assert.deepEqual([...(t.get('b')?.data ?? [])], [1, -2, 0.333251953125]);
    assert.deepEqual(t.get('b')?.shape, [1, 3]);
    assert.deepEqual([...(t.get('c')?.data ?? [])], [1.5, -3]);
    // Sharded: the index names each tensor's file.
    writeSafetensors(join(dir, 'part-2.safetensors'), { d: { dtype: 'F32', shape: [1], bytes: new Uint8Array(new Float32Array([7]).buffer) } });
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: { a: 'model.safetensors', b: 'model.safetensors', c: 'model.safetensors', d: 'part-2.safetensors' } }));
    assert.deepEqual([...(readSafetensors(dir).get('d')?.data ?? [])], [7]);
    writeFileSync(join(dir, 'bad.safetensors'), Buffer.from([255, 0, 0, 0, 0, 0, 0, 0, 1, 2]));
    assert.throws(() => readSafetensorsFile(join(dir, 'bad.safetensors')), (e: unknown) => e instanceof ModelCorruptError && e.code === 'SAFETENSORS_CORRUPT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('OpenAI tensor names map to the same tensors as the Hugging Face names (weights.json mapping)', () => {
  const hf = readSafetensors(DEV);
  const mapping = JSON.parse(readFileSync(join(DEV, 'reference', 'weights.json'), 'utf8')) as { tensors: Record<string, { openai_name: string }> };
  const openai = new Map([...hf].map(([name, t]) => [mapping.tensors[name]?.openai_name ?? name, t]));
  const config = JSON.parse(readFileSync(join(DEV, 'config.json'), 'utf8')) as Record<string, unknown>;
  const dims = exportDimsFromConfig(config, 'config.json');
  const a = whisperWeights(hf, dims, 'hf');
  const b = whisperWeights(openai, dims, 'openai');
  assert.equal(b.decoderBlocks[1]?.cross.value.weight, a.decoderBlocks[1]?.cross.value.weight);
  assert.equal(b.encoderBlocks[0]?.fc2.bias, a.encoderBlocks[0]?.fc2.bias);
  assert.equal(b.tokenEmbedding, a.tokenEmbedding);
  assert.equal(b.encoderLn.weight, a.encoderLn.weight);
  openai.delete('decoder.blocks.1.mlp.2.weight');
  assert.throws(() => whisperWeights(openai, dims, 'x.safetensors'), (e: unknown) => e instanceof ModelCorruptError && e.message.includes('decoder.blocks.1.mlp.2.weight'));
  assert.throws(() => parseExportDtype('int4'), InvalidOptionError);
});

test('export of whisper-dev-random matches the published ONNX files (encoder, first step, teacher-forced steps, cross-attentions)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'export-'));
  try {
    const events: string[] = [];
    const plain = await exportWhisper(join(DEV, 'model.safetensors'), { out: join(out, 'plain'), onProgress: (e) => events.push(e.stage) });
    assert.deepEqual(events, ['read', 'build', 'write', 'build', 'write']);
    const figures = await compareExportedModel({ publishedDir: DEV, exportedDir: plain.out, dModel: 128, heads: 2, maxSteps: 3, audios: ['jfk'] });
    assert.equal(figures.length, 5);
    for (const f of figures) assert.ok(f.pass, `${f.name}: ${f.maxAbs} (scaled ${f.scaled}, argmax differs ${f.argmaxDiffers})`);
    // The tied embedding is stored once, and the file is no larger than the published one.
    const model = onnx.ModelProto.decode(readFileSync(join(plain.out, 'onnx', 'decoder_model_merged.onnx')));
    const vocabTables = (model.graph?.initializer ?? []).filter((t) => Number(t.dims?.[0]) === 51865);
    assert.equal(vocabTables.length, 1);
    assert.ok(readFileSync(join(plain.out, 'onnx', 'decoder_model_merged.onnx')).length <= readFileSync(join(DEV, 'onnx', 'decoder_model_merged.onnx')).length);
    const timed = await exportWhisper(DEV, { out: join(out, 'timed'), crossAttentions: true });
    const timedFigures = await compareExportedModel({ publishedDir: TIMESTAMPED, referenceDir: DEV, exportedDir: timed.out, dModel: 128, heads: 2, maxSteps: 3, audios: ['long'] });
    assert.ok(timedFigures.some((f) => f.name.startsWith('cross_attentions')));
    for (const f of timedFigures) assert.ok(f.pass, `${f.name}: ${f.maxAbs}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('random models: English-only and v3 vocabularies keep every special token consistent; weights are seeded', async () => {
  const out = mkdtempSync(join(tmpdir(), 'vocab-'));
  try {
    const { loadTokenizer } = await import('../tokenizer/index.js');
    for (const [kind, size, eot, sot, noTs, vocab] of [
      ['english', 51864, 50256, 50257, 50362, 50257],
      ['v3', 51866, 50257, 50258, 50364, 50258],
    ] as const) {
      const dir = join(out, kind);
      mkdirSync(dir);
      const dims = { nMels: kind === 'v3' ? 128 : 80, nAudioCtx: 1500, nTextCtx: 448, dModel: 64, encoderLayers: 1, encoderHeads: 1, decoderLayers: 2, decoderHeads: 1, ffn: 256, vocabSize: size };
      writeModelFiles(DEV, dir, dims, kind, `t-${kind}`);
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(config['vocab_size'], size);
      assert.equal(config['eos_token_id'], eot);
      assert.equal(config['decoder_start_token_id'], sot);
      const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { added_tokens: { id: number; content: string }[]; model: { vocab: Record<string, number> } };
      assert.equal(Object.keys(tokenizer.model.vocab).length, vocab);
      assert.equal(tokenizer.added_tokens.length + vocab - 1, size);
      const byContent = new Map(tokenizer.added_tokens.map((t) => [t.content, t.id]));
      assert.equal(byContent.get('<|endoftext|>'), eot);
      assert.equal(byContent.get('<|notimestamps|>'), noTs);
      assert.equal(byContent.get('<|0.00|>'), noTs + 1);
      assert.equal(byContent.get('<|30.00|>'), size - 1);
      if (kind === 'v3') assert.equal(byContent.get('<|yue|>'), 50358);
      // The ids are consecutive, as the engine's tokenizer requires.
      tokenizer.added_tokens.forEach((t, i) => assert.equal(t.id, eot + i));
      const tok = await loadTokenizer(dir);
      assert.equal(tok.decode([eot + 2 + (kind === 'v3' ? 1 : 0)]).length > 0, true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const dims = { nMels: 80, nAudioCtx: 1500, nTextCtx: 448, dModel: 64, encoderLayers: 1, encoderHeads: 2, decoderLayers: 1, decoderHeads: 2, ffn: 256, vocabSize: 51865 };
  const specials = { ...specialIds('multilingual'), timestamps: 1501 };
  const a = randomWeights(dims, specials, 7);
  const b = randomWeights(dims, specials, 7);
  const c = randomWeights(dims, specials, 8);
  const w = (m: typeof a): Float32Array => m.get('model.decoder.layers.0.fc1.weight')?.data ?? new Float32Array(0);
  assert.deepEqual(w(a), w(b));
  assert.notDeepEqual(w(a), w(c));
  // Scales: fc1 weights have std mlpGain / sqrt(d_model) = 0.25.
  const v = w(a);
  const std = Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
  assert.ok(Math.abs(std - 0.25) < 0.01, `fc1 std ${std}`);
  assert.doesNotThrow(() => whisperWeights(a, dims, 'random'));
});
