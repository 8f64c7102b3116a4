import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../core/errors.js';
import { loadAudio, resample } from '../audio/index.js';
import { openSileroVadSession, sileroVadModelPath } from '../runtime/index.js';
import { detectSpeech, speechProbabilities } from './detect.js';
import { createSileroVad } from './silero.js';

const JFK = new URL('../../../../../shared/data/audio/jfk.flac', import.meta.url).pathname;

test('the bundled model is Silero VAD v5 (input, state [2,1,128], sr)', async () => {
  assert.match(sileroVadModelPath(), /silero_vad_v5\.onnx$/);
  const vad = await createSileroVad();
  try {
    assert.equal(vad.frameSamples, 512);
    assert.equal(vad.sampleRate, 16000);
  } finally {
    await vad.dispose();
  }
});

test('each frame runs with the previous frame\'s last 64 samples in front and the state carried', async () => {
  const audio = await loadAudio(JFK);
  const vad = await createSileroVad();
  const raw = await openSileroVadSession();
  try {
    const probs = await speechProbabilities(vad, audio.samples.subarray(0, 40 * 512));
    const input = new Float32Array(64 + 512);
    for (let i = 0; i < 40; i++) {
      input.fill(0);
      if (i > 0) input.set(audio.samples.subarray(i * 512 - 64, i * 512), 0);
      input.set(audio.samples.subarray(i * 512, (i + 1) * 512), 64);
      assert.equal(await raw.infer(input, 16000), probs[i], `frame ${i}`);
    }
    // Without the context (zeros in front) the model answers differently: the context is not decoration.
    raw.resetState();
    let differs = 0;
    for (let i = 0; i < 40; i++) {
      input.fill(0);
      input.set(audio.samples.subarray(i * 512, (i + 1) * 512), 64);
      if (Math.abs((await raw.infer(input, 16000)) - (probs[i] as number)) > 1e-3) differs++;
    }
    assert.ok(differs > 10, `${differs} of 40 frames differ without context`);
  } finally {
    await raw.dispose();
    await vad.dispose();
  }
});

test('reset() starts a new stream: the same audio gives the same probabilities', async () => {
  const audio = await loadAudio(JFK);
  const vad = await createSileroVad();
  try {
    const a = await speechProbabilities(vad, audio.samples.subarray(0, 16000));
    const b = await speechProbabilities(vad, audio.samples.subarray(0, 16000));
    assert.deepEqual(b, a);
  } finally {
    await vad.dispose();
  }
});

test('jfk.flac: speech found where he speaks; digital silence has none', async () => {
  const audio = await loadAudio(JFK);
  const regions = await detectSpeech(audio, { minSilenceDurationMs: 200, speechPadMs: 30 });
  assert.ok(regions.length >= 3, JSON.stringify(regions));
  const first = regions[0]!;
  assert.ok(first.startSec > 0.1 && first.startSec < 0.6, `first start ${first.startSec}`);
  const speech = regions.reduce((s, r) => s + r.endSec - r.startSec, 0);
  assert.ok(speech > 6 && speech < 10.5, `speech ${speech} s of 11 s`);
  const silence = await detectSpeech({ samples: new Float32Array(16000 * 5), sampleRate: 16000 });
  assert.deepEqual(silence, []);
});

test('a frame of the wrong size is a typed error', async () => {
  const vad = await createSileroVad();
  try {
    await assert.rejects(vad.probability(new Float32Array(480)), (e: unknown) => e instanceof InvalidOptionError && e.code === 'VAD_FRAME_SIZE');
  } finally {
    await vad.dispose();
  }
});

test('8 kHz: 256-sample frames with 32 samples of context; jfk.flac resampled to 8 kHz gives about the 16 kHz regions', async () => {
  const audio = await loadAudio(JFK);
  const vad = await createSileroVad({ sampleRate: 8000 });
  try {
    assert.deepEqual([vad.frameSamples, vad.sampleRate], [256, 8000]);
    const narrow = { samples: resample(audio.samples, 16000, 8000), sampleRate: 8000 };
    const options = { minSilenceDurationMs: 200, speechPadMs: 30 };
    const at8k = await detectSpeech(narrow, { ...options, vad });
    const at16k = await detectSpeech(audio, options);
    assert.equal(at8k.length, at16k.length, JSON.stringify(at8k));
    at8k.forEach((r, i) => {
      const wide = at16k[i];
      assert.ok(wide !== undefined && Math.abs(r.startSec - wide.startSec) < 0.1 && Math.abs(r.endSec - wide.endSec) < 0.15, `${JSON.stringify(r)} vs ${JSON.stringify(wide)}`);
    });
  } finally {
    await vad.dispose();
  }
});
