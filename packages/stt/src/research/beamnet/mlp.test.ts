import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mlp, seededUniform } from './mlp.js';

test('gradient check: backward pass equals central finite differences of the masked cross-entropy', () => {
  const sizes = [7, 6, 5, 4];
  const net = Mlp.create(sizes, 3);
  const rand = seededUniform(9);
  net.layers.forEach((l) => l.bias.forEach((_, i) => (l.bias[i] = rand() - 0.5)));
  net.scaling.mean.forEach((_, i) => (net.scaling.mean[i] = rand() - 0.5));
  net.scaling.invStd.forEach((_, i) => (net.scaling.invStd[i] = 0.5 + rand()));
  const n = 6;
  const x = Float64Array.from({ length: n * 7 }, () => rand() * 4 - 2);
  const labels = Int32Array.of(0, 2, -1, 3, 1, 0); // row 2 is skipped
  const valid = Uint8Array.from({ length: n * 4 }, (_, i) => (i % 4 === 3 && Math.floor(i / 4) % 2 === 0 ? 0 : 1));
  valid[0 * 4 + 3] = 0; // row 0: slot 3 masked (label 0)
  const { grads } = net.lossAndGradients(x, n, labels, valid);
  const loss = () => net.lossAndGradients(x, n, labels, valid).loss;
  let checked = 0;
  let maxRel = 0;
  net.layers.forEach((layer, li) => {
    for (const [params, grad] of [[layer.weight, grads.weight[li]], [layer.bias, grads.bias[li]]] as const) {
      for (let i = 0; i < params.length; i++) {
        const keep = params[i] as number;
        const h = 1e-6;
        params[i] = keep + h;
        const up = loss();
        params[i] = keep - h;
        const down = loss();
        params[i] = keep;
        const numeric = (up - down) / (2 * h);
        const analytic = (grad as Float64Array)[i] as number;
        const rel = Math.abs(numeric - analytic) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic));
        maxRel = Math.max(maxRel, rel);
        checked++;
      }
    }
  });
  assert.equal(checked, net.parameterCount - 14);
  assert.ok(maxRel < 1e-5, `max relative gradient error ${maxRel}`);
  assert.ok(grads.weight.some((g) => g.some((v) => v !== 0)), 'the gradient is not trivially zero');
});

test('masked slots get no probability: their score does not change the loss', () => {
  const net = Mlp.create([3, 4, 3], 1);
  const x = Float64Array.of(0.5, -1, 2);
  const a = net.lossAndGradients(x, 1, Int32Array.of(0), Uint8Array.of(1, 1, 0)).loss;
  const last = net.layers[1];
  assert.ok(last !== undefined);
  last.bias[2] = 100;
  const b = net.lossAndGradients(x, 1, Int32Array.of(0), Uint8Array.of(1, 1, 0)).loss;
  assert.equal(a, b);
  const c = net.lossAndGradients(x, 1, Int32Array.of(0), Uint8Array.of(1, 1, 1)).loss;
  assert.ok(c > b + 10);
});

test('create is deterministic for a seed; bad sizes are refused', () => {
  assert.deepEqual(Mlp.create([4, 3, 2], 5).layers[0]?.weight, Mlp.create([4, 3, 2], 5).layers[0]?.weight);
  assert.notDeepEqual(Mlp.create([4, 3, 2], 5).layers[0]?.weight, Mlp.create([4, 3, 2], 6).layers[0]?.weight);
  assert.throws(() => Mlp.create([4], 1), RangeError);
  assert.throws(() => Mlp.create([4, 0, 2], 1), RangeError);
});
