import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../core/errors.js';
import { resample, Resampler } from './resample.js';
import { rmsLevel } from './normalize.js';
import { sine } from './test-support/wav-writer.js';

/** Max |y − ideal| away from the edges, where the ideal is the same tone sampled at the output rate. */
function toneError(y: Float32Array, freqHz: number, amplitude: number, rate: number, margin: number): number {
  const ideal = sine(freqHz, rate, y.length, amplitude);
  let max = 0;
  for (let i = margin; i < y.length - margin; i++) max = Math.max(max, Math.abs((y[i] as number) - (ideal[i] as number)));
  return max;
}

function midRmsDb(y: Float32Array, amplitude: number): number {
  const mid = y.subarray(Math.floor(y.length / 4), Math.floor((3 * y.length) / 4));
  return 20 * Math.log10(rmsLevel(mid) / (amplitude * Math.SQRT1_2));
}

test('tones in the passband come out at the right frequency and level (44.1k, 48k, 22.05k, 8k → 16k)', () => {
  for (const from of [44100, 48000, 22050, 8000]) {
    const r = new Resampler(from, 16000);
    for (const f of [440, 1000, 3000]) {
      const y = r.process(sine(f, from, from / 4, 0.5));
      assert.equal(y.length, 4000);
      const err = toneError(y, f, 0.5, 16000, 400);
      assert.ok(err < 2e-4, `${from} Hz, ${f} Hz tone: max error ${err}`);
    }
  }
});

test('aliasing: tones above 8 kHz are rejected by at least the design attenuation', () => {
  const r = new Resampler(48000, 16000);
  for (const f of [8000, 9000, 12000, 20000]) {
    const level = midRmsDb(r.process(sine(f, 48000, 12000, 0.5)), 0.5);
    assert.ok(level < -85, `${f} Hz leaked at ${level.toFixed(1)} dB`);
  }
  const up = new Resampler(8000, 16000);
  // 3 kHz at 8 kHz has an image at 5 kHz after upsampling: it must be gone, so the output is a clean 3 kHz tone.
  assert.ok(toneError(up.process(sine(3000, 8000, 4000, 0.5)), 3000, 0.5, 16000, 400) < 2e-4);
});

test('passband edge (0.9 × Nyquist = 7.2 kHz) is flat', () => {
  const level = midRmsDb(resample(sine(7000, 44100, 11025, 0.5), 44100, 16000), 0.5);
  assert.ok(Math.abs(level) < 0.01, `7 kHz at ${level} dB`);
});

test('extreme ratios use the interpolated kernel and stay accurate', () => {
  const r = new Resampler(96001, 16000);
  assert.equal(r.polyphase, false);
  const y = r.process(sine(1000, 96001, 24000, 0.5));
  assert.ok(toneError(y, 1000, 0.5, 16000, 400) < 5e-4);
});

test('identity and validation', () => {
  const x = Float32Array.of(1, 2, 3);
  assert.equal(resample(x, 16000, 16000), x);
  assert.throws(() => new Resampler(0, 16000), InvalidOptionError);
  assert.throws(() => new Resampler(44100.5, 16000), InvalidOptionError);
  assert.throws(() => new Resampler(44100, 16000, { passband: 1 }), InvalidOptionError);
  assert.equal(new Resampler(44100, 16000).outputLength(44101), 16001);
});
