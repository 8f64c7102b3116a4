import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../core/errors.js';
import { conditionSamples } from './condition.js';
import { highPass } from './high-pass.js';
import { normalizeLoudness, peakLevel, rmsLevel } from './normalize.js';
import { sine } from './test-support/wav-writer.js';

const RATE = 16000;

/** Gain in dB of the high-pass on a tone, measured on the second half (after the transient). */
function gainDb(freqHz: number, zeroPhase = false): number {
  const x = sine(freqHz, RATE, RATE * 2, 0.5);
  const y = highPass(x, RATE, { cutoffHz: 100, zeroPhase });
  const mid = (a: Float32Array): Float32Array => a.subarray(RATE / 2, (3 * RATE) / 2);
  return 20 * Math.log10(rmsLevel(mid(y)) / rmsLevel(mid(x)));
}

test('2nd-order Butterworth high-pass at 100 Hz: -3 dB at cutoff, 12 dB/octave below, flat above', () => {
  assert.ok(Math.abs(gainDb(100) + 3.01) < 0.05, `cutoff ${gainDb(100)}`);
  const at25 = gainDb(25);
  assert.ok(at25 < -23.5 && at25 > -24.5, `25 Hz: ${at25}`);
  assert.ok(Math.abs(gainDb(1000)) < 0.01);
  assert.ok(Math.abs(gainDb(100, true) + 6.02) < 0.1, 'zero-phase doubles the attenuation');
  assert.throws(() => highPass(new Float32Array(4), RATE, { cutoffHz: 9000 }), InvalidOptionError);
});

test('peak normalisation puts the peak on the target; RMS normalisation the RMS, clipping with a warning', () => {
  const x = sine(300, RATE, RATE, 0.05);
  const peak = normalizeLoudness(x, { kind: 'peak', targetDbfs: -1 });
  assert.ok(Math.abs(peakLevel(peak.samples) - 10 ** (-1 / 20)) < 1e-6);
  assert.deepEqual(peak.warnings, []);
  const rms = normalizeLoudness(x, { kind: 'rms', targetDbfs: -20 });
  assert.ok(Math.abs(20 * Math.log10(rmsLevel(rms.samples)) + 20) < 1e-3);
  const loud = normalizeLoudness(x, { kind: 'rms', targetDbfs: -1 });
  assert.deepEqual(loud.warnings.map((w) => w.code), ['clipped']);
  assert.ok(peakLevel(loud.samples) <= 1);
  assert.deepEqual(normalizeLoudness(new Float32Array(8), { targetDbfs: -1 }).warnings.map((w) => w.code), ['silent-audio']);
  assert.throws(() => normalizeLoudness(x, { targetDbfs: 0 }), InvalidOptionError);
});

test('conditioning chain: resample, then high-pass, then normalise; nothing but resampling by default', () => {
  const x = sine(440, 8000, 8000, 0.3);
  const plain = conditionSamples({ samples: x, sampleRate: 8000 });
  assert.equal(plain.sampleRate, 16000);
  assert.equal(plain.samples.length, 16000);
  assert.ok(Math.abs(peakLevel(plain.samples.subarray(1000, 15000)) - 0.3) < 1e-3);
  const same = { samples: x, sampleRate: 16000 };
  assert.equal(conditionSamples(same).samples, x);
  const full = conditionSamples({ samples: x, sampleRate: 8000 }, { highPass: { cutoffHz: 100 }, normalize: { targetDbfs: -3 } });
  assert.ok(Math.abs(peakLevel(full.samples) - 10 ** (-3 / 20)) < 1e-6);
});
