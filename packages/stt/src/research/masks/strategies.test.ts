import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../core/errors.js';
import { checkStrategy, fillMask, MIN_CONFIDENCE, needsBias } from './strategies.js';
import type { MaskStrategy } from './strategies.js';
import { tokenAgreement } from './experiment.js';

const N = 12;
/** The inputs as the decoder hands them to a policy: exact mask for `pos`, zero bias. */
function fresh(pos: number): { mask: BigInt64Array; bias: Float32Array } {
  const mask = new BigInt64Array(N);
  mask.fill(1n, 0, pos + 1);
  return { mask, bias: new Float32Array(N) };
}
function run(s: MaskStrategy, pos: number, confidence: Float32Array | null = null) {
  const io = fresh(pos);
  fillMask(s, pos, io.mask, needsBias(s) ? io.bias : null, confidence);
  return { mask: [...io.mask].map(Number), bias: [...io.bias] };
}

test('mask builders: exact, floor, int value, sliding window (shape N, values 0/1 or the probe value)', () => {
  assert.deepEqual(run({ kind: 'exact' }, 3).mask, [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'floor', floor: 6 }, 3).mask, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'floor', floor: 6 }, 8).mask, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'floor', floor: 99 }, 0).mask, Array.from({ length: N }, () => 1));
  assert.deepEqual(run({ kind: 'int-value', value: 2 }, 2).mask, [2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'window', width: 4 }, 6).mask, [0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'window', width: 4 }, 1).mask, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'window', width: 1 }, 5).mask, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  for (const s of [{ kind: 'exact' }, { kind: 'window', width: 3 }] as const) assert.deepEqual(run(s, 5).bias, Array.from({ length: N }, () => 0));
});

test('graded builders write log-weights into the bias and leave the int64 mask exact', () => {
  const decay = run({ kind: 'decay', gamma: 0.5 }, 3);
  assert.deepEqual(decay.mask, [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const weights = decay.bias.slice(0, 5).map((b) => Math.exp(b));
  [0.125, 0.25, 0.5, 1, 1].forEach((w, j) => assert.ok(Math.abs((weights[j] as number) - w) < 1e-6, `slot ${j}: ${weights[j]} vs ${w}`));
  const counter = run({ kind: 'counter', alpha: 2 }, 2);
  assert.deepEqual(counter.bias.slice(0, 4), [0, 2 * Math.log(2), 2 * Math.log(3), 0].map((x) => Math.fround(x)));
  assert.deepEqual(run({ kind: 'decay', gamma: 1 }, 4).bias, Array.from({ length: N }, () => 0), 'weight 1 = no change');
});

test('confidence-driven builders: only slots inside the frame before the current one; hard blocks, soft biases', () => {
  const conf = Float32Array.from([1, 0.05, 0.9, 0.02, 0.5, 0.01, 1, 1, 1, 1, 1, 1]);
  // Position 5, frame 4: slots 2, 3, 4 are judged (slot 5 is the current token, never blocked).
  assert.deepEqual(run({ kind: 'confidence', frame: 4, threshold: 0.1 }, 5, conf).mask, [1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(run({ kind: 'confidence', frame: 224, threshold: 0.1 }, 5, conf).mask, [1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
  const soft = run({ kind: 'confidence-soft', frame: 3, beta: 1 }, 5, Float32Array.from([1, 1, 1, 0.5, 0, 1, 1, 1, 1, 1, 1, 1]));
  assert.deepEqual(soft.mask, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(soft.bias.slice(0, 6), [0, 0, 0, Math.log(0.5), Math.log(MIN_CONFIDENCE), 0].map((x) => Math.fround(x)));
});

test('strategy parameters are checked with typed errors naming the field', () => {
  const bad: [MaskStrategy, string][] = [
    [{ kind: 'window', width: 0 }, 'width'],
    [{ kind: 'decay', gamma: 1.5 }, 'gamma'],
    [{ kind: 'confidence', frame: 225, threshold: 0.1 }, 'frame'],
    [{ kind: 'confidence', frame: 4, threshold: 2 }, 'threshold'],
    [{ kind: 'int-value', value: 0 }, 'value'],
  ];
  for (const [s, field] of bad) assert.throws(() => checkStrategy(s, 448), (e: unknown) => e instanceof InvalidOptionError && e.message.includes(field));
  assert.doesNotThrow(() => checkStrategy({ kind: 'confidence-soft', frame: 224, beta: 1 }, 448));
});

test('tokenAgreement: leading run, edit distance and rate', () => {
  assert.deepEqual(tokenAgreement([1, 2, 3, 4], [1, 2, 3, 4]), { leading: 4, editDistance: 0, rate: 1 });
  assert.deepEqual(tokenAgreement([1, 2, 9, 4], [1, 2, 3, 4]), { leading: 2, editDistance: 1, rate: 0.75 });
  assert.deepEqual(tokenAgreement([1, 2], [1, 2, 3, 4]), { leading: 2, editDistance: 2, rate: 0.5 });
  assert.deepEqual(tokenAgreement([], []), { leading: 0, editDistance: 0, rate: 1 });
});

test('parseMaskStrategy: every spelling, and typed errors for unknown names and missing numbers', async () => {
  const { parseMaskStrategy } = await import('./strategies.js');
  assert.deepEqual(parseMaskStrategy('exact'), { kind: 'exact' });
  assert.deepEqual(parseMaskStrategy('window:4'), { kind: 'window', width: 4 });
  assert.deepEqual(parseMaskStrategy('int:2'), { kind: 'int-value', value: 2 });
  assert.deepEqual(parseMaskStrategy('decay:0.9'), { kind: 'decay', gamma: 0.9 });
  assert.deepEqual(parseMaskStrategy('confidence-soft:16:2'), { kind: 'confidence-soft', frame: 16, beta: 2 });
  for (const bad of ['wndow:4', 'window', 'confidence:4', 'decay:x']) assert.throws(() => parseMaskStrategy(bad), InvalidOptionError);
});
