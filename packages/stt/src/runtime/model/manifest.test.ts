import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelCorruptError, ModelNotFoundError } from '../../core/errors.js';
import { readGenerationConfig, readModelConfig, readModelConfigs } from './config-files.js';
import { existingFolder, resolveManifest } from './manifest.js';
import { checkOnnxFile } from './onnx-check.js';

const SHARED = new URL('../../../../../../shared/models/whisper-dev-random', import.meta.url).pathname;

async function withTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-model-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the shared dev model resolves: merged decoder by default, split on request, configs parsed', async () => {
  const m = await resolveManifest(SHARED);
  assert.equal(m.source, 'folder');
  assert.equal(m.id, SHARED);
  assert.equal(m.encoderPath, join(SHARED, 'onnx/encoder_model.onnx'));
  assert.deepEqual(m.decoder, { layout: 'merged', path: join(SHARED, 'onnx/decoder_model_merged.onnx'), dataPaths: [] });
  const c = m.configs;
  assert.equal(c.config.eosTokenId, 50257);
  assert.equal(c.config.decoderStartTokenId, 50258);
  assert.equal(c.config.suppressTokens.length, 88);
  assert.equal(c.generation.noTimestampsTokenId, 50363);
  assert.equal(c.generation.isMultilingual, true);
  assert.equal(c.generation.langToId['<|en|>'], 50259);
  assert.equal(c.generation.taskToId['translate'], 50358);
  assert.deepEqual(c.generation.alignmentHeads, [[1, 0], [1, 1]]);
  assert.equal(c.generation.maxInitialTimestampIndex, 50);
  assert.deepEqual(c.preprocessor, { featureSize: 80, samplingRateHz: 16000, hopLength: 160, nFft: 400, chunkLengthSec: 30 });
  assert.equal(m.tokenizerPaths.length, 7);
  assert.deepEqual(m.dims, { nMels: 80, nAudioCtx: 1500, nTextCtx: 448, dModel: 128, nDecoderLayers: 2, nDecoderHeads: 2, vocabSize: 51865 });
  const split = await resolveManifest(SHARED, { decoderLayout: 'split' });
  assert.equal(split.decoder.layout === 'split' ? split.decoder.withPastPath : '', join(SHARED, 'onnx/decoder_with_past_model.onnx'));
  await assert.rejects(resolveManifest(SHARED, { dtype: 'q8' }), (e: unknown) => e instanceof ModelNotFoundError && e.hint === 'Pick a dtype this model has: fp32.');
  await assert.rejects(resolveManifest('/no/such/folder'), (e: unknown) => e instanceof ModelNotFoundError && e.code === 'MODEL_FOLDER_MISSING');
});

test('real ONNX files pass the structure check; truncated, foreign and empty files fail it', async () => {
  const ok = await checkOnnxFile(join(SHARED, 'onnx/encoder_model.onnx'));
  assert.ok(ok.fields >= 3);
  await withTemp(async (dir) => {
    const full = await readFile(join(SHARED, 'onnx/encoder_model.onnx'));
    const cases: [string, Buffer][] = [
      ['truncated.onnx', full.subarray(0, full.length - 1000)],
      ['html.onnx', Buffer.from('<!DOCTYPE html><html>rate limited</html>')],
      ['pointer.onnx', Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n')],
      ['json.onnx', Buffer.from('{"error":"not found"}')],
      ['empty.onnx', Buffer.alloc(0)],
    ];
    for (const [name, bytes] of cases) {
      await writeFile(join(dir, name), bytes);
      await assert.rejects(checkOnnxFile(join(dir, name)), (e: unknown) => e instanceof ModelCorruptError && e.code === 'MODEL_FILE_CORRUPT' && e.message.includes(name), name);
    }
    await assert.rejects(checkOnnxFile(join(SHARED, 'onnx/encoder_model.onnx'), full.length + 1), /expected/);
    // a field of a later ONNX version (number 30, varint) is skipped; a group wire type after the model is not ONNX
    await writeFile(join(dir, 'future.onnx'), Buffer.concat([full, Buffer.from([0xf0, 0x01, 0x05])]));
    assert.equal((await checkOnnxFile(join(dir, 'future.onnx'))).fields, ok.fields + 1);
    await writeFile(join(dir, 'trailing.onnx'), Buffer.concat([full, Buffer.from('{}')]));
    await assert.rejects(checkOnnxFile(join(dir, 'trailing.onnx')), /unexpected field 15 \(wire type 3\)/);
    await assert.rejects(checkOnnxFile(join(dir, 'missing.onnx')), ModelNotFoundError);
  });
});

test('a folder with a truncated decoder is reported as corrupt when resolved', async () => {
  await withTemp(async (dir) => {
    await mkdir(join(dir, 'onnx'));
    for (const f of ['config.json', 'generation_config.json', 'preprocessor_config.json']) await copyFile(join(SHARED, f), join(dir, f));
    await symlink(join(SHARED, 'onnx/encoder_model.onnx'), join(dir, 'onnx/encoder_model.onnx'));
    const dec = await readFile(join(SHARED, 'onnx/decoder_model_merged.onnx'));
    await writeFile(join(dir, 'onnx/decoder_model_merged.onnx'), dec.subarray(0, 5_000_000));
    await assert.rejects(resolveManifest(dir), (e: unknown) => e instanceof ModelCorruptError && /decoder_model_merged\.onnx/.test(e.message));
    assert.equal((await resolveManifest(dir, { verify: false })).decoder.layout, 'merged');
  });
});

test('config errors name the file and the field', async () => {
  await withTemp(async (dir) => {
    const config = JSON.parse(await readFile(join(SHARED, 'config.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, eos_token_id: 'x' }));
    await assert.rejects(readModelConfig(dir), (e: unknown) => e instanceof ModelCorruptError && e.message === `${join(dir, 'config.json')}: field 'eos_token_id' must be an integer >= 0`);
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, model_type: 'bert' }));
    await assert.rejects(readModelConfig(dir), (e: unknown) => e instanceof ModelCorruptError && e.code === 'MODEL_NOT_WHISPER');
    await writeFile(join(dir, 'generation_config.json'), '{"decoder_start_token_id": 1, "eos_token_id": 2, "alignment_heads": [[1]]}');
    await assert.rejects(readGenerationConfig(dir), /alignment_heads/);
    await writeFile(join(dir, 'generation_config.json'), '{ not json');
    await assert.rejects(readGenerationConfig(dir), (e: unknown) => e instanceof ModelCorruptError && /not valid JSON/.test(e.message));
    await assert.rejects(readModelConfigs(join(dir, 'nowhere')), (e: unknown) => e instanceof ModelNotFoundError && e.code === 'MODEL_FILE_MISSING');
    // English-only generation configs have no language table and are not multilingual
    await writeFile(join(dir, 'generation_config.json'), '{"decoder_start_token_id": 50257, "eos_token_id": 50256}');
    const en = await readGenerationConfig(dir);
    assert.equal(en.isMultilingual, false);
    assert.deepEqual(en.langToId, {});
  });
});

test('existingFolder expands ~ and returns absolute paths of folders only', async () => {
  assert.equal(await existingFolder('~'), homedir());
  assert.equal(await existingFolder(SHARED), SHARED);
  assert.equal(await existingFolder(join(SHARED, 'config.json')), undefined);
  assert.equal(await existingFolder('tiny.en'), undefined);
});
