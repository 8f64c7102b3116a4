import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '../core/errors.js';
import { loadAudio } from '../audio/index.js';
import { createTranscriber } from './transcriber.js';
import type { Transcriber } from './transcriber.js';
import type { TranscribeOptions } from './transcribe-options.js';
import type { ProgressEvent } from '../transcription/index.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random/', import.meta.url));
const JFK = `${MODEL_DIR}audio/jfk.wav`;
let transcriber: Transcriber;

before(async () => {
  transcriber = await createTranscriber({ model: MODEL_DIR, threads: 1 });
});
after(async () => {
  await transcriber.dispose();
});

test('transcribes a file: detected language, ordered segments, progress up to the duration', async () => {
  const events: ProgressEvent[] = [];
  const t = await transcriber.transcribe(JFK, { temperature: 0, sampleLen: 48, onProgress: (e) => events.push(e) });
  assert.ok(Math.abs(t.durationSec - 11) < 0.1, `duration ${t.durationSec}`);
  const probs = Object.entries(t.languageProbs ?? {});
  assert.equal(probs.length, 99);
  assert.equal(t.language, probs.reduce((a, b) => (b[1] > a[1] ? b : a))[0]);
  assert.ok(t.segments.length > 0);
  let previousEnd = 0;
  for (const [i, s] of t.segments.entries()) {
    assert.equal(s.id, i);
    assert.ok(s.startSec >= 0 && s.startSec <= s.endSec && s.startSec >= previousEnd - 1e-9, `segment ${i} ${s.startSec}-${s.endSec}`);
    previousEnd = s.endSec;
    assert.equal(s.tokens.length, s.tokenIds.filter((id) => id < 50257).length, 'one Token per text token');
    for (const tok of s.tokens) assert.ok(tok.logprob <= 0 && (tok.confidence ?? -1) >= 0 && (tok.confidence ?? 2) <= 1);
  }
  // (t.text decodes all tokens at once, as OpenAI does; it can differ from the joined segment texts where a
  // multi-byte character is split across segments.)
  assert.ok(events.length > 0);
  assert.deepEqual(events.at(-1), { doneSec: t.durationSec, totalSec: t.durationSec });
});

test('samples in memory give the same transcript as the file; beam size 1 equals greedy', async () => {
  const fromFile = await transcriber.transcribe(JFK, { temperature: 0, language: 'en', sampleLen: 48 });
  const audio = await loadAudio(JFK);
  const fromSamples = await transcriber.transcribe({ samples: audio.samples, sampleRate: 16_000 }, { temperature: 0, language: 'en', sampleLen: 48 });
  assert.deepEqual(fromSamples, fromFile);
  const byName = await transcriber.transcribe(JFK, { temperature: 0, language: 'English', sampleLen: 48 });
  assert.deepEqual(byName, fromFile, "language 'English' is 'en'");
  const beam1 = await transcriber.transcribe(JFK, { temperature: 0, language: 'en', sampleLen: 48, decoding: { kind: 'beam', beamSize: 1 } });
  assert.deepEqual(beam1.segments.map((s) => s.tokenIds), fromFile.segments.map((s) => s.tokenIds));
});

test('bad options and bad input fail with a typed error before any work', async () => {
  await assert.rejects(transcriber.transcribe(JFK, { language: 'xx' }), InvalidOptionError);
  await assert.rejects(transcriber.transcribe(JFK, { temperature: [] }), InvalidOptionError);
  await assert.rejects(transcriber.transcribe({ samples: new Float32Array(100), sampleRate: 8000 }), InvalidOptionError);
});

test('empty audio gives an empty transcript', async () => {
  const t = await transcriber.transcribe({ samples: new Float32Array(0), sampleRate: 16_000 }, { language: 'en' });
  assert.deepEqual([t.text, t.segments.length, t.durationSec], ['', 0, 0]);
});

test('a strategy name where a strategy object is expected is a typed error, not a TypeError', async () => {
  const asStrategy = (v: unknown): NonNullable<TranscribeOptions['strategy']> => v as NonNullable<TranscribeOptions['strategy']>;
  await assert.rejects(transcriber.transcribe(JFK, { strategy: asStrategy('chunked') }), (e: unknown) => e instanceof InvalidOptionError && /option strategy: "chunked"/.test(e.message) && /createChunkedOverlapStrategy/.test(e.hint ?? ''));
  await assert.rejects(transcriber.transcribe(JFK, { strategy: asStrategy({ name: 'x' }) }), InvalidOptionError);
});

test('onDecoderStep is called once per batched decoder call; the manifest names the model files', async () => {
  let steps = 0;
  const r = await transcriber.transcribeDetailed(JFK, { temperature: 0, language: 'en', sampleLen: 16, onDecoderStep: () => steps++ });
  const expected = r.windows.flatMap((w) => w.attempts).reduce((n, a) => n + a.result.decoderSteps, 0);
  assert.ok(expected > 0);
  assert.equal(steps, expected);
  assert.match(transcriber.manifest.encoderPath, /encoder_model.*\.onnx$/);
});
