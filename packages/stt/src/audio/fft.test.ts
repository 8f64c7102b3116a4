import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComplexFft, factorize } from './fft.js';
import { RealPowerSpectrum } from './real-fft.js';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      outRe[k] = (outRe[k] as number) + (re[t] as number) * Math.cos(a) - (im[t] as number) * Math.sin(a);
      outIm[k] = (outIm[k] as number) + (re[t] as number) * Math.sin(a) + (im[t] as number) * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
}

test('complex FFT matches a plain DFT for mixed radices 2, 3, 4, 5 and a generic prime', () => {
  const rand = seeded(7);
  for (const n of [1, 2, 5, 8, 12, 45, 200, 400, 7 * 4, 11 * 3]) {
    const re = Float64Array.from({ length: n }, rand);
    const im = Float64Array.from({ length: n }, rand);
    const [eRe, eIm] = naiveDft(re, im);
    new ComplexFft(n).forward(re, im);
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs((re[k] as number) - (eRe[k] as number)) < 1e-10 * n, `n=${n} k=${k}`);
      assert.ok(Math.abs((im[k] as number) - (eIm[k] as number)) < 1e-10 * n, `n=${n} k=${k}`);
    }
  }
  assert.deepEqual(factorize(200), [4, 2, 5, 5]);
});

test('real power spectrum of 400 points matches |DFT|²', () => {
  const rand = seeded(3);
  const frame = Float64Array.from({ length: 400 }, rand);
  const [eRe, eIm] = naiveDft(frame, new Float64Array(400));
  const power = new Float64Array(201);
  new RealPowerSpectrum(400).compute(frame, power);
  for (let k = 0; k <= 200; k++) {
    const expected = (eRe[k] as number) ** 2 + (eIm[k] as number) ** 2;
    assert.ok(Math.abs((power[k] as number) - expected) < 1e-9 * (1 + expected), `k=${k}`);
  }
});
