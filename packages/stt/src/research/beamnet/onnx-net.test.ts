import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCorruptError } from '../../core/errors.js';
import { openDenseNet } from '../../runtime/onnx/dense-net.js';
import { BEAMNET_K, N_FEATURES } from './features.js';
import { Mlp, seededUniform } from './mlp.js';
import { mlpToOnnx } from './onnx-net.js';

test('the ONNX export computes the TypeScript forward pass (random nets, random standardised inputs, <= 1e-5)', async () => {
  for (const [seed, hidden] of [[1, [64, 64]], [2, [16]], [3, [32, 24, 8]]] as const) {
    const net = Mlp.create([N_FEATURES, ...hidden, BEAMNET_K], seed);
    const rand = seededUniform(100 + seed);
    net.layers.forEach((l) => l.bias.forEach((_, i) => (l.bias[i] = rand() - 0.5)));
    net.scaling.mean.forEach((_, i) => (net.scaling.mean[i] = rand() * 2 - 1));
    net.scaling.invStd.forEach((_, i) => (net.scaling.invStd[i] = 0.2 + rand() * 3));
    net.roundToFloat32();
    const session = await openDenseNet(mlpToOnnx(net));
    try {
      assert.equal(session.inputs, N_FEATURES);
      assert.equal(session.outputs, BEAMNET_K);
      for (const n of [1, 17]) {
        // Inputs within ±3 standard deviations of the net's input scaling (the range standardised features live in).
        const x = Float32Array.from({ length: n * N_FEATURES }, (_, i) => (net.scaling.mean[i % N_FEATURES] as number) + (rand() * 6 - 3) / (net.scaling.invStd[i % N_FEATURES] as number));
        const ours = net.forward(x, n);
        const ort = await session.run(x, n);
        assert.equal(ort.length, n * BEAMNET_K);
        let maxDiff = 0;
        for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs((ours[i] as number) - (ort[i] as number)));
        assert.ok(maxDiff <= 1e-5, `seed ${seed} n ${n}: max |ts - onnx| = ${maxDiff}`);
        assert.ok(ours.some((v) => Math.abs(v) > 1), 'the scores are not all ~0');
      }
    } finally {
      await session.dispose();
    }
  }
});

test('openDenseNet: bytes that are not an ONNX model give ModelCorruptError', async () => {
  await assert.rejects(openDenseNet(Uint8Array.of(1, 2, 3)), ModelCorruptError);
});
