import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../core/errors.js';
import { createEnergyVad } from './energy.js';

function tone(amplitude: number): Float32Array {
  return Float32Array.from({ length: 512 }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 16000));
}

test('energy vad: loud frames are speech, quiet ones are not; 0.5 at the threshold level', async () => {
  const vad = createEnergyVad({ thresholdDbfs: -40 });
  assert.ok((await vad.probability(tone(0.3))) > 0.95);
  assert.ok((await vad.probability(tone(0.0005))) < 0.05);
  // A sine of amplitude a has RMS a / sqrt(2): -40 dBFS RMS = 0.01 * sqrt(2) amplitude.
  assert.ok(Math.abs((await vad.probability(tone(0.01 * Math.SQRT2))) - 0.5) < 0.01);
  assert.ok((await vad.probability(new Float32Array(512))) < 1e-9);
});

test('energy vad: bad settings are typed errors naming the field', () => {
  assert.throws(() => createEnergyVad({ thresholdDbfs: 3 }), (e: unknown) => e instanceof InvalidOptionError && e.details?.['option'] === 'thresholdDbfs');
  assert.throws(() => createEnergyVad({ frameSamples: 0 }), (e: unknown) => e instanceof InvalidOptionError && e.details?.['option'] === 'frameSamples');
});
