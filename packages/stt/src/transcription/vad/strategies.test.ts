import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAKE_IDS, FakeDecoder, fakeTokenizer, hashedLogits } from '../../decoding/test-support/fake-model.js';
import type { EncoderOutput } from '../../runtime/types.js';
import type { FrameVad } from '../../vad/index.js';
import { detectSpeechSamples } from '../../vad/index.js';
import type { LongFormOptions } from '../long-form-options.js';
import { OPENAI_TRANSCRIBE_DEFAULTS } from '../reference/load-reference.js';
import type { LongFormInput, LongFormResult, LongFormStrategy } from '../strategy.js';
import { SpeechTimestampsMap } from './speech-map.js';
import { createVadBatchedStrategy } from './vad-batched.js';
import { createVadStrategy } from './vad-strategy.js';

const SR = 16_000;
const VAD = { minSilenceDurationMs: 200, speechPadMs: 30 };

/** A detector that calls a frame speech when any sample is louder than 0.1. */
async function loudVad(): Promise<FrameVad> {
  return {
    sampleRate: SR,
    frameSamples: 512,
    probability: (frame) => Promise.resolve(frame.some((x) => Math.abs(x) > 0.1) ? 0.9 : 0.01),
    reset() {},
    dispose: () => Promise.resolve(),
  };
}

/** `seconds` of silence with loud bursts at `[start, end)` seconds. */
function audio(seconds: number, bursts: [number, number][]): LongFormInput {
  const samples = new Float32Array(seconds * SR);
  for (const [s, e] of bursts) for (let i = s * SR; i < e * SR; i++) samples[i] = i % 2 === 0 ? 0.5 : -0.5;
  return { audio: { samples, sampleRate: SR } };
}

const OPTIONS: LongFormOptions = { ...OPENAI_TRANSCRIBE_DEFAULTS, language: 'en', temperatures: [0], withoutTimestamps: true };

/** An inner strategy that records what it is given and answers two fixed segments on the joined timeline. */
function spyInner(): LongFormStrategy & { seen: number[] } {
  const seen: number[] = [];
  return {
    name: 'spy',
    seen,
    transcribe(_ctx, input): Promise<LongFormResult> {
      seen.push(input.audio.samples.length);
      const seg = (id: number, startSec: number, endSec: number) => ({ id, seek: 0, startSec, endSec, text: ' a', tokenIds: [], tokens: [], temperature: 0, avgLogprob: 0, compressionRatio: 1, noSpeechProb: 0 });
      return Promise.resolve({ language: 'en', languageProbs: null, text: ' a a', segments: [seg(0, 0.1, 0.9), seg(1, 1.2, 1.8)], durationSec: 2, windows: [] });
    },
  };
}

const noCtx = {} as Parameters<LongFormStrategy['transcribe']>[0];

test('VAD in front of a strategy: it gets the joined speech, and its times come back on the original timeline', async () => {
  const input = audio(10, [[2, 3], [6, 7.5]]);
  const regions = await detectSpeechSamples(input.audio, { ...VAD, vad: await loudVad() });
  assert.equal(regions.length, 2);
  const inner = spyInner();
  const result = await createVadStrategy({ options: VAD, createVad: loudVad }, inner).transcribe(noCtx, input, OPTIONS);
  assert.deepEqual(inner.seen, [regions.reduce((n, r) => n + r.end - r.start, 0)]);
  const map = new SpeechTimestampsMap(regions, SR);
  assert.deepEqual(result.segments.map((s) => [s.startSec, s.endSec]), [[map.originalTime(0.1), map.originalTime(0.9, undefined, true)], [map.originalTime(1.2), map.originalTime(1.8, undefined, true)]]);
  // Near the bursts: region 1 starts 30 ms (+ up to a frame) before 2 s; the second segment lies in the second burst.
  assert.ok(Math.abs((result.segments[0]?.startSec ?? 0) - 2.07) < 0.05, String(result.segments[0]?.startSec));
  assert.ok((result.segments[1]?.startSec ?? 0) > 6 && (result.segments[1]?.endSec ?? 0) < 7.6);
  assert.equal(result.durationSec, 10);
  assert.equal(result.speechRegions?.length, 2);
});

test('VAD in front of a strategy: no speech, no call to the strategy, an empty transcript', async () => {
  const inner = spyInner();
  const result = await createVadStrategy({ options: VAD, createVad: loudVad }, inner).transcribe(noCtx, audio(60, []), OPTIONS);
  assert.deepEqual(inner.seen, []);
  assert.deepEqual([result.text, result.segments.length, result.durationSec], ['', 0, 60]);
});

test('VAD strategies refuse clipTimestamps (they pick the audio themselves)', async () => {
  await assert.rejects(createVadStrategy({ createVad: loudVad }, spyInner()).transcribe(noCtx, audio(1, []), { ...OPTIONS, clipTimestampsSec: [0, 1] }), /clipTimestamps/);
});

/** Counting fake encoder: one output row per window. */
function countingEncoder() {
  const batches: number[] = [];
  return {
    batches,
    dims: { nMels: 80, nAudioCtx: 1500, nTextCtx: 448, dModel: 4, nDecoderLayers: 1, nDecoderHeads: 1, vocabSize: FAKE_IDS.vocab },
    encode(mel: Float32Array, batch: number): Promise<EncoderOutput> {
      batches.push(batch);
      return Promise.resolve({ batch, data: new Float32Array(batch * 4).map((_, i) => i >> 2), dims: [batch, 1, 4] });
    },
  };
}

function textOnlyDecoder(): FakeDecoder {
  const fn = hashedLogits(3, 8, 0.5);
  return new FakeDecoder((h, k) => {
    const l = fn(h, k);
    l.fill(-Infinity, FAKE_IDS.eot + 1);
    return l;
  });
}

test('VAD-batched: regions packed into <= 30 s windows, encoded in one batch, times mapped back', async () => {
  const input = audio(100, [[1, 13], [40, 52], [70, 82]]);
  const encoder = countingEncoder();
  const decoder = textOnlyDecoder();
  const strategy = createVadBatchedStrategy({ options: VAD, createVad: loudVad, batchSize: 8 });
  const result = await strategy.transcribe({ encoder, decoder, tokenizer: fakeTokenizer() }, input, OPTIONS);
  assert.deepEqual(encoder.batches, [2]); // 12 + 12 s of speech in window 1, 12 s in window 2
  assert.equal(result.windows.length, 2);
  assert.ok(decoder.stepCalls > 0);
  const [w1, w2] = result.segments;
  assert.ok(w1 !== undefined && w2 !== undefined, JSON.stringify(result.segments));
  assert.ok(Math.abs(w1.startSec - 0.97) < 0.05, `window 1 starts at ${w1.startSec}`);
  assert.ok(Math.abs(w2.startSec - 69.97) < 0.05, `window 2 starts at ${w2.startSec}`);
  assert.ok(w2.endSec <= 100);
  assert.equal(result.speechRegions?.length, 3);
});

test('VAD-batched: ten silent minutes cost no encoder and no decoder call', async () => {
  const encoder = countingEncoder();
  const decoder = textOnlyDecoder();
  const result = await createVadBatchedStrategy({ createVad: loudVad }).transcribe({ encoder, decoder, tokenizer: fakeTokenizer() }, audio(600, []), OPTIONS);
  assert.deepEqual([encoder.batches.length, decoder.stepCalls, result.segments.length, result.text], [0, 0, 0, '']);
});

test('VAD strategies check their settings when created', () => {
  assert.throws(() => createVadBatchedStrategy({ windowSec: 31 }), /windowSec/);
  assert.throws(() => createVadBatchedStrategy({ batchSize: 0 }), /batchSize/);
  assert.throws(() => createVadBatchedStrategy({ options: { threshold: 2 } }), /threshold/);
  assert.throws(() => createVadStrategy({ options: { speechPadMs: -1 } }), /speechPadMs/);
});
