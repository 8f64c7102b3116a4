/**
 * The fast subset of `npm run acceptance:vad`: 5 espeak-ng utterances on a seeded timeline, clean and under white
 * noise at -30 dBFS, real Silero VAD v5 weights; and 30 s of low noise through VAD + the dev model (random weights)
 * costing no encoder or decoder call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countingDevContext } from '../scripts/vad/counting.js';
import { buildTimeline, SAMPLE_RATE, score, withWhiteNoise } from '../scripts/vad/timeline.js';
import { OPENAI_TRANSCRIBE_DEFAULTS } from '../src/transcription/reference/load-reference.js';
import { createVadBatchedStrategy, createVadStrategy } from '../src/transcription/vad/index.js';
import { detectSpeech } from '../src/vad/index.js';

const VAD = { minSilenceDurationMs: 200, speechPadMs: 30 } as const;

test('5 espeak utterances: Silero F1 >= 0.95 and boundaries within 250 ms, clean and at -30 dBFS noise; energy fails in noise', async () => {
  const timeline = buildTimeline({ utterances: 5, seed: 11, minGapSec: 0.4, maxGapSec: 2 });
  const durationSec = timeline.samples.length / SAMPLE_RATE;
  for (const [name, noiseDbfs] of [['clean', -70], ['noisy', -30]] as const) {
    const audio = { samples: withWhiteNoise(timeline.samples, noiseDbfs, 5), sampleRate: SAMPLE_RATE };
    const s = score(timeline.truth, await detectSpeech(audio, VAD), durationSec);
    assert.ok(s.f1 >= 0.95, `${name}: F1 ${s.f1}`);
    assert.equal(s.boundariesWithin(0.25), 10, `${name}: boundary errors ${JSON.stringify(s.boundaryErrors)}`);
    if (name === 'noisy') {
      const energy = score(timeline.truth, await detectSpeech(audio, { ...VAD, model: 'energy' }), durationSec);
      assert.ok(energy.f1 < 0.8, `energy F1 in noise ${energy.f1}`);
    }
  }
});

test('30 s of low noise with VAD: no encoder or decoder call, an empty transcript', async () => {
  const { ctx, counts, dispose } = await countingDevContext();
  try {
    const audio = { samples: withWhiteNoise(new Float32Array(30 * SAMPLE_RATE), -50, 3), sampleRate: SAMPLE_RATE };
    const options = { ...OPENAI_TRANSCRIBE_DEFAULTS, language: 'en' };
    for (const strategy of [createVadStrategy({ options: VAD }), createVadBatchedStrategy({ options: VAD })]) {
      const r = await strategy.transcribe(ctx, { audio }, options);
      assert.deepEqual([counts.encoderCalls, counts.decoderCalls, r.text, r.segments.length], [0, 0, '', 0], strategy.name);
    }
  } finally {
    await dispose();
  }
});
