/** `transcriber.stream()` on the random-weight dev model (gibberish text: the test checks the mechanism). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadAudio, logMelSpectrogram, padOrTrimMel, sliceMelFrames } from '../audio/index.js';
import { N_SAMPLES } from '../core/constants.js';
import { InvalidOptionError } from '../core/errors.js';
import { bufferMel } from '../streaming/index.js';
import type { StreamEvent } from '../streaming/index.js';
import { createTranscriber } from './transcriber.js';
import type { Transcriber } from './transcriber.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random/', import.meta.url));
const JFK = `${MODEL_DIR}audio/jfk.wav`;
let transcriber: Transcriber;
let jfk: Float32Array;

before(async () => {
  transcriber = await createTranscriber({ model: MODEL_DIR, threads: 1 });
  jfk = (await loadAudio(JFK)).samples;
});
after(async () => {
  await transcriber.dispose();
});

test("a buffer's window log-mel with 1 s of padding equals the one with OpenAI's 30 s", () => {
  for (const audio of [jfk.subarray(0, 7 * 16000 + 123), jfk, jfk.subarray(16000, 16000 + 2500)]) {
    const ours = bufferMel(audio, 80);
    const full = logMelSpectrogram(audio, { nMels: 80, paddingSamples: N_SAMPLES });
    const frames = full.nFrames - 3000;
    assert.equal(ours.frames, frames);
    assert.deepEqual(ours.data, padOrTrimMel(sliceMelFrames(full, 0, frames), 3000).data);
  }
});

async function* int16Chunks(samples: Float32Array, chunk: number): AsyncGenerator<Int16Array> {
  for (let at = 0; at < samples.length; at += chunk) {
    yield Int16Array.from(samples.subarray(at, at + chunk), (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
  }
}

test('streams jfk through Silero VAD and the dev model: well-formed events, commits in order, final = commits', async () => {
  const events: StreamEvent[] = [];
  for await (const e of transcriber.stream(int16Chunks(jfk, 8000), { language: 'en', sampleLen: 32 })) events.push(e);
  const final = events[events.length - 1];
  assert.ok(final?.type === 'final' && !final.aborted);
  assert.equal(events.filter((e) => e.type === 'final').length, 1);
  assert.ok(events.some((e) => e.type === 'speech-start'), 'VAD found speech');
  assert.equal(events.filter((e) => e.type === 'speech-start').length, events.filter((e) => e.type === 'speech-end').length);
  const commits = events.flatMap((e) => (e.type === 'commit' ? [e] : []));
  assert.ok(final.decodes > 0);
  assert.equal(final.text, commits.map((c) => c.text).join(' '));
  for (let i = 1; i < commits.length; i++) assert.ok((commits[i]?.startSec as number) >= (commits[i - 1]?.endSec as number));
  for (const w of final.words) assert.ok(w.startSec <= w.endSec && w.endSec <= 11.01 && w.timing === 'estimated');
  for (let i = 1; i < events.length; i++) assert.ok((events[i]?.audioSec as number) >= (events[i - 1]?.audioSec as number));
});

test('stream options are checked before any audio is read', async () => {
  const consume = async (opts: Parameters<Transcriber['stream']>[1]) => {
    for await (const e of transcriber.stream(int16Chunks(jfk, 8000), opts)) void e;
  };
  await assert.rejects(consume({ policy: { agreement: 0 } }), InvalidOptionError);
  await assert.rejects(consume({ language: 'xx' }), InvalidOptionError);
  await assert.rejects(consume({ policy: { maxBufferSec: 40 } }), InvalidOptionError);
});

test('on a timestamped export the words carry cross-attention DTW times and probabilities', async () => {
  const timestamped = await createTranscriber({ model: fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random_timestamped/', import.meta.url)), threads: 1 });
  try {
    const events: StreamEvent[] = [];
    for await (const e of timestamped.stream(int16Chunks(jfk.subarray(0, 5 * 16000), 8000), { language: 'en', sampleLen: 32, vad: false })) events.push(e);
    const final = events[events.length - 1];
    assert.ok(final?.type === 'final' && final.words.length > 0);
    for (const w of final.words) {
      assert.equal(w.timing, 'dtw');
      assert.ok(w.probability !== undefined && w.probability >= 0 && w.probability <= 1);
      assert.ok(w.startSec <= w.endSec && w.endSec <= 5.001);
    }
  } finally {
    await timestamped.dispose();
  }
});
