import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnergyVad, thresholdLevel } from './energy-vad.js';

const RATE = 16_000;

function tone(ms: number, amplitude: number): Int16Array {
  const n = (RATE * ms) / 1000;
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 300 * i) / RATE));
  return out;
}

test('threshold maps 0 / 0.5 / 1 to -60 / -35 / -10 dBFS', () => {
  for (const [t, db] of [[0, -60], [0.5, -35], [1, -10]] as const) assert.ok(Math.abs(20 * Math.log10(thresholdLevel(t)) - db) < 1e-9);
});

test('speech between silences: one start (with prefix padding) and one stop after the silence duration', () => {
  const vad = new EnergyVad({ threshold: 0.5, prefixPaddingMs: 100, silenceDurationMs: 200 }, RATE);
  const events = [...vad.push(tone(500, 0)), ...vad.push(tone(400, 0.3)), ...vad.push(tone(100, 0)), ...vad.push(tone(300, 0.3)), ...vad.push(tone(400, 0))];
  // The 100 ms pause is shorter than the 200 ms silence duration: one turn.
  assert.deepEqual(events, [
    { kind: 'start', atSample: (RATE * (500 - 100)) / 1000 },
    { kind: 'stop', atSample: (RATE * (500 + 400 + 100 + 300 + 200)) / 1000 },
  ]);
  assert.equal(vad.speaking, false);
});

test('quiet noise under the threshold is not speech', () => {
  const vad = new EnergyVad({ threshold: 0.5, prefixPaddingMs: 0, silenceDurationMs: 100 }, RATE);
  assert.deepEqual(vad.push(tone(1000, 0.01)), []); // ~ -43 dBFS RMS < -35 dBFS
  assert.equal(new EnergyVad({ threshold: 0.2, prefixPaddingMs: 0, silenceDurationMs: 100 }, RATE).push(tone(100, 0.01)).length, 1); // -50 dBFS level
});
