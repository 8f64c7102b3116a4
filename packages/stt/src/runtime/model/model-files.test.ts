import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelNotFoundError } from '../../core/errors.js';
import { availableDtypes, externalDataFiles, planModelFiles } from './model-files.js';

const CONFIGS = ['config.json', 'generation_config.json', 'preprocessor_config.json'];
const LISTING = [
  ...CONFIGS,
  'README.md',
  'tokenizer.json',
  'model.safetensors',
  'onnx/encoder_model.onnx',
  'onnx/encoder_model.onnx_data',
  'onnx/encoder_model_q4.onnx',
  'onnx/decoder_model_merged.onnx',
  'onnx/decoder_model_merged.onnx_data',
  'onnx/decoder_model_merged.onnx_data_1',
  'onnx/decoder_model_merged_q4.onnx',
  'onnx/decoder_model.onnx',
  'onnx/decoder_with_past_model.onnx',
  'onnx/decoder_model_fp16.onnx',
  'onnx/decoder_with_past_model_fp16.onnx',
  'onnx/encoder_model_fp16.onnx',
];

test('the merged decoder is preferred; support files are root json/txt only', () => {
  const plan = planModelFiles('m', LISTING, { encoder: 'fp32', decoder: 'fp32' });
  assert.equal(plan.encoderPath, 'onnx/encoder_model.onnx');
  assert.deepEqual(plan.encoderDataPaths, ['onnx/encoder_model.onnx_data']);
  assert.deepEqual(plan.decoder, { layout: 'merged', path: 'onnx/decoder_model_merged.onnx', dataPaths: ['onnx/decoder_model_merged.onnx_data', 'onnx/decoder_model_merged.onnx_data_1'] });
  assert.deepEqual(plan.supportFiles, [...CONFIGS, 'tokenizer.json'].sort());
  assert.equal(plan.allFiles.length, 4 + 2 + 3);
});

test('split layout when asked, or when the dtype has no merged decoder', () => {
  const forced = planModelFiles('m', LISTING, { encoder: 'fp32', decoder: 'fp32' }, 'split');
  assert.deepEqual(forced.decoder, { layout: 'split', path: 'onnx/decoder_model.onnx', withPastPath: 'onnx/decoder_with_past_model.onnx', dataPaths: [] });
  const fp16 = planModelFiles('m', LISTING, { encoder: 'fp16', decoder: 'fp16' });
  assert.equal(fp16.decoder.layout, 'split');
  const mixed = planModelFiles('m', LISTING, { encoder: 'fp32', decoder: 'q4' });
  assert.equal(mixed.decoder.path, 'onnx/decoder_model_merged_q4.onnx');
  assert.equal(mixed.encoderPath, 'onnx/encoder_model.onnx');
});

test('a missing dtype, layout or config file is a ModelNotFoundError naming what exists', () => {
  assert.deepEqual(availableDtypes(LISTING), ['fp32', 'fp16', 'q4']);
  assert.throws(
    () => planModelFiles('m', LISTING, { encoder: 'q8', decoder: 'q8' }),
    (e: unknown) => e instanceof ModelNotFoundError && e.code === 'MODEL_DTYPE_MISSING' && /encoder_model_quantized/.test(e.message) && /fp32, fp16, q4/.test(e.hint ?? ''),
  );
  assert.throws(() => planModelFiles('m', LISTING, { encoder: 'q4', decoder: 'q4' }, 'split'), /decoder_model_q4\.onnx/);
  assert.throws(() => planModelFiles('m', LISTING, { encoder: 'fp16', decoder: 'fp16' }, 'merged'), /decoder_model_merged_fp16/);
  assert.throws(
    () => planModelFiles('m', LISTING.filter((f) => f !== 'generation_config.json'), { encoder: 'fp32', decoder: 'fp32' }),
    (e: unknown) => e instanceof ModelNotFoundError && e.code === 'MODEL_FILE_MISSING' && /generation_config/.test(e.message),
  );
});

test('external data files are matched exactly', () => {
  const files = ['a.onnx_data', 'a.onnx_data_2', 'a.onnx_data_x', 'a.onnx_database', 'ab.onnx_data'];
  assert.deepEqual(externalDataFiles('a.onnx', files), ['a.onnx_data', 'a.onnx_data_2']);
});
