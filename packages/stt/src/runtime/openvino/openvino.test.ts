import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../core/errors.js';
import { loadOpenVino, OpenVinoGraph, OPENVINO_INSTALL_HINT } from './openvino.js';
import type { OpenVinoModule, OpenVinoTensor } from './openvino.js';

/** A fake openvino-node: its "model" returns logits = 2 x input_ids and echoes the shape of every input it got. */
function fakeOpenVino(devices: string[], compiled: string[]): OpenVinoModule {
  class Tensor implements OpenVinoTensor {
    constructor(
      readonly type: 'f32' | 'i64',
      private readonly shape: number[],
      readonly data: Float32Array | BigInt64Array,
    ) {}
    getShape(): number[] {
      return this.shape;
    }
  }
  class Core {
    getAvailableDevices(): string[] {
      return devices;
    }
    async compileModel(path: string, device: string) {
      if (path.endsWith('bad.onnx')) throw new Error('dynamic shape');
      compiled.push(`${path}@${device}`);
      return {
        createInferRequest: () => ({
          async inferAsync(inputs: Record<string, OpenVinoTensor>) {
            const ids = inputs['input_ids'] as Tensor;
            const logits = Float32Array.from(ids.data as BigInt64Array, (v) => 2 * Number(v));
            return { logits: new Tensor('f32', [1, 1, logits.length], logits), input_ids: ids };
          },
        }),
      };
    }
  }
  return { addon: { Core, Tensor } };
}

test('openvino: a missing openvino-node is a typed error with the install hint', async () => {
  await assert.rejects(
    loadOpenVino(() => Promise.reject(new Error("Cannot find package 'openvino-node'"))),
    (e: unknown) => e instanceof RuntimeError && e.code === 'OPENVINO_MISSING' && e.hint === OPENVINO_INSTALL_HINT,
  );
  await assert.rejects(loadOpenVino(() => Promise.resolve({})), (e: unknown) => e instanceof RuntimeError && e.code === 'OPENVINO_MISSING');
  const ov = await loadOpenVino(() => Promise.resolve({ default: fakeOpenVino(['CPU'], []) }));
  assert.equal(typeof ov.addon.Core, 'function');
});

test('openvino: compiles on the asked device, reuses one request, maps feeds to typed tensors and float outputs by name', async () => {
  const compiled: string[] = [];
  const ov = fakeOpenVino(['CPU', 'NPU'], compiled);
  const graph = await OpenVinoGraph.compile(ov, 'm/decoder_step_model.onnx', 'NPU');
  assert.deepEqual(compiled, ['m/decoder_step_model.onnx@NPU']);
  for (const id of [3n, 5n]) {
    const out = await graph.run({ input_ids: { type: 'i64', data: BigInt64Array.of(id), dims: [1, 1] } });
    assert.deepEqual([...(out['logits']?.data ?? [])], [2 * Number(id)]);
    assert.deepEqual(out['logits']?.dims, [1, 1, 1]);
    assert.equal(out['input_ids'], undefined);
  }
  assert.equal(compiled.length, 1);
  await assert.rejects(OpenVinoGraph.compile(ov, 'm/x.onnx', 'GPU'), (e: unknown) => e instanceof RuntimeError && e.code === 'OPENVINO_DEVICE_MISSING' && e.message.includes('CPU, NPU'));
  await assert.rejects(OpenVinoGraph.compile(ov, 'm/bad.onnx', 'CPU'), (e: unknown) => e instanceof RuntimeError && e.code === 'OPENVINO_COMPILE_FAILED');
});
