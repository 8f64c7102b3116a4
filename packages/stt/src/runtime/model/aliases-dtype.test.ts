import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError, ModelNotFoundError } from '../../core/errors.js';
import { MODEL_ALIASES, aliasNames, isRepoId, resolveRepoId } from './aliases.js';
import { DTYPE_SUFFIX, MODEL_DTYPES, dtypeLabel, normalizeDtype, parseDtype } from './dtype.js';

test('every alias the CLI documents resolves to an owner/name repository', () => {
  const expected = ['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'medium.en', 'large-v1', 'large-v2', 'large-v3', 'large-v3-turbo', 'turbo'];
  assert.deepEqual(aliasNames(), expected);
  for (const alias of expected) assert.ok(isRepoId(resolveRepoId(alias)), alias);
  assert.equal(resolveRepoId('tiny.en'), 'onnx-community/whisper-tiny.en');
  assert.equal(resolveRepoId('turbo'), MODEL_ALIASES['large-v3-turbo']);
  assert.equal(resolveRepoId('onnx-community/whisper-base'), 'onnx-community/whisper-base');
});

test('an unknown name is a ModelNotFoundError that lists the aliases and suggests a folder', () => {
  for (const bad of ['tiny-en', 'toString', '../etc', 'a/b/c', 'org/..']) {
    assert.throws(
      () => resolveRepoId(bad),
      (e: unknown) => e instanceof ModelNotFoundError && e.code === 'MODEL_UNKNOWN' && e.message.includes(bad) && /tiny\.en/.test(e.hint ?? '') && /local folder/.test(e.hint ?? ''),
      bad,
    );
  }
});

test('dtypes: transformers.js suffixes, synonyms, per-component options, typed error', () => {
  assert.equal(MODEL_DTYPES.length, 8);
  assert.equal(DTYPE_SUFFIX.fp32, '');
  assert.equal(DTYPE_SUFFIX.q8, '_quantized');
  assert.equal(DTYPE_SUFFIX.q4f16, '_q4f16');
  assert.equal(parseDtype('quantized'), 'q8');
  assert.equal(parseDtype(' FP16 '), 'fp16');
  assert.deepEqual(normalizeDtype(undefined), { encoder: 'fp32', decoder: 'fp32' });
  assert.deepEqual(normalizeDtype('q4'), { encoder: 'q4', decoder: 'q4' });
  const mixed = normalizeDtype({ encoder: 'fp32', decoder: 'q4' });
  assert.equal(dtypeLabel(mixed), 'encoder=fp32,decoder=q4');
  assert.throws(() => parseDtype('q3'), (e: unknown) => e instanceof InvalidOptionError && /bnb4/.test(e.hint ?? ''));
});
