import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InvalidOptionError, ModelCorruptError, ModelNotFoundError, RuntimeError } from '../../core/errors.js';
import { MODEL_DIR, decoderFiles, loadDevModel, modelDims } from './parity-checks.js';
import { loadWhisperModel } from './load-model.js';
import { openSessionCount } from './session-cache.js';

const ENCODER = `${MODEL_DIR}onnx/encoder_model.onnx`;
const ONE_THREAD = { intraOpNumThreads: 1, interOpNumThreads: 1 } as const;

test('the same file with the same options shares one session; the last dispose closes it', async () => {
  const start = openSessionCount();
  const a = await loadDevModel('merged');
  const b = await loadDevModel('merged');
  assert.equal(openSessionCount(), start + 2, 'encoder + merged decoder, opened once for both models');
  const c = await loadDevModel('merged', { ...ONE_THREAD, graphOptimizationLevel: 'basic' });
  assert.equal(openSessionCount(), start + 4, 'other options get their own sessions');
  await a.dispose();
  assert.equal(openSessionCount(), start + 4, 'b still holds them');
  await b.dispose();
  await c.dispose();
  assert.equal(openSessionCount(), start);
});

test('a missing file is ModelNotFoundError naming it', async () => {
  await assert.rejects(
    loadWhisperModel({ encoderPath: `${MODEL_DIR}onnx/nope.onnx`, decoder: decoderFiles('merged'), dims: modelDims(), sessionOptions: ONE_THREAD }),
    (e: unknown) => e instanceof ModelNotFoundError && e.message.includes('nope.onnx'),
  );
  assert.equal(openSessionCount(), 0, 'nothing stays open after a failed load');
});

test('a file that is not ONNX is ModelCorruptError naming it', async () => {
  await assert.rejects(
    loadWhisperModel({ encoderPath: `${MODEL_DIR}config.json`, decoder: decoderFiles('merged'), dims: modelDims(), sessionOptions: ONE_THREAD }),
    (e: unknown) => e instanceof ModelCorruptError && e.message.includes('config.json'),
  );
});

test('an encoder given as decoder is rejected by its input/output names', async () => {
  await assert.rejects(
    loadWhisperModel({ encoderPath: ENCODER, decoder: { layout: 'merged', path: ENCODER }, dims: modelDims(), sessionOptions: ONE_THREAD }),
    (e: unknown) => e instanceof ModelCorruptError && e.code === 'MODEL_IO_UNEXPECTED',
  );
  assert.equal(openSessionCount(), 0);
});

test('invalid session options are InvalidOptionError naming the field', async () => {
  await assert.rejects(
    loadWhisperModel({ encoderPath: ENCODER, decoder: decoderFiles('merged'), dims: modelDims(), sessionOptions: { intraOpNumThreads: 0 } }),
    (e: unknown) => e instanceof InvalidOptionError && e.message.includes('intraOpNumThreads'),
  );
  await assert.rejects(
    loadWhisperModel({ encoderPath: ENCODER, decoder: decoderFiles('merged'), dims: modelDims(), sessionOptions: { executionProviders: [] } }),
    InvalidOptionError,
  );
});

const ortDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
const cudaInstalled = existsSync(join(ortDir, '..', 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime_providers_cuda.so'));

test('asking for CUDA on the CPU build is RuntimeError CUDA_UNAVAILABLE with the install fix', { skip: cudaInstalled && 'CUDA build installed' }, async () => {
  await assert.rejects(
    loadWhisperModel({ encoderPath: ENCODER, decoder: decoderFiles('merged'), dims: modelDims(), sessionOptions: { executionProviders: ['cuda', 'cpu'] } }),
    (e: unknown) => e instanceof RuntimeError && e.code === 'CUDA_UNAVAILABLE' && (e.hint ?? '').includes('ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js'),
  );
});

test('the split layout rejects several tokens per later step with a typed error', async () => {
  const model = await loadDevModel('split');
  try {
    const mel = new Float32Array(model.encoder.dims.nMels * 3000);
    const enc = await model.encoder.encode(mel, 1);
    const cache = model.decoder.createCache(enc, 1);
    await model.decoder.step(cache, [[50258]]);
    await assert.rejects(model.decoder.step(cache, [[50259, 50359]]), (e: unknown) => e instanceof RuntimeError && e.code === 'DECODER_INPUT_INVALID');
    cache.dispose();
  } finally {
    await model.dispose();
  }
});
