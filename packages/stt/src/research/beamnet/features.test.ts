import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logSoftmax } from '../../decoding/math.js';
import { BEAMNET_K, CANDIDATE_FEATURES, FeatureExtractor, LOGPROB_FLOOR, N_FEATURES, STEP_FEATURES, featureNames } from './features.js';

const C = CANDIDATE_FEATURES.length;
const S = BEAMNET_K * C;

test('features: top-k log-probabilities, flags, step measures; masked slots padded', () => {
  const row = new Float32Array(64).fill(-Infinity);
  const finite: Record<number, number> = { 3: 2.5, 7: 1.0, 20: 0.5, 40: 2.0 }; // 20 = EOT, 40 = a timestamp
  for (const [i, v] of Object.entries(finite)) row[Number(i)] = v;
  const fx = new FeatureExtractor({ eot: 20, timestampBegin: 31 }, 224);
  const sampleBegin = 4;
  const tokens = [21, 22, 26, 30, 9, 7, 3];
  const valid = fx.extract(row, tokens, sampleBegin);
  assert.equal(valid, 4);
  assert.deepEqual([...fx.candidates], [3, 40, 7, 20, -1, -1, -1, -1, -1, -1]);
  const lp = logSoftmax(Float32Array.from(row));
  const f = fx.features;
  [3, 40, 7, 20].forEach((id, j) => {
    assert.ok(Math.abs((f[j * C] as number) - (lp[id] as number)) < 1e-5, `logprob of slot ${j}`);
    assert.equal(f[j * C + 1], 1);
    assert.equal(f[j * C + 2], id >= 31 ? 1 : 0);
    assert.equal(f[j * C + 3], id === 20 ? 1 : 0);
    assert.equal(f[j * C + 4], id === 3 || id === 7 ? 1 : 0, `recent flag of ${id}`);
  });
  for (let j = 4; j < BEAMNET_K; j++) assert.deepEqual([...f.subarray(j * C, j * C + C)], [LOGPROB_FLOOR, 0, 0, 0, 0]);
  assert.ok(Math.abs((f[S] as number) - 0.5) < 1e-6, 'margin = top-1 minus top-2 logit');
  assert.ok((f[S + 1] as number) > 0 && (f[S + 1] as number) < 1, 'entropy confidence');
  assert.ok(Math.abs((f[S + 3] as number) - 3 / 224) < 1e-7, 'relative position');
  assert.equal(f[S + 4], 0);
  assert.equal(f[S + 5], 0);
  assert.equal(featureNames().length, N_FEATURES);
  assert.equal(N_FEATURES, S + STEP_FEATURES.length);
});

test('features: the first step and a timestamp before it', () => {
  const row = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));
  const fx = new FeatureExtractor({ eot: 20, timestampBegin: 31 }, 100);
  fx.extract(row, [21, 22], 2);
  assert.equal(fx.features[S + 5], 1);
  assert.equal(fx.features[S + 3], 0);
  fx.extract(row, [21, 22, 45], 2);
  assert.equal(fx.features[S + 4], 1);
  assert.equal(fx.features[S + 5], 0);
  assert.equal([...fx.candidates].filter((c) => c >= 0).length, BEAMNET_K);
});
