/**
 * Acceptance with the official `openai` SDK, unchanged but `baseURL` and the key: every response_format, stream,
 * translation, models; verbose_json tokens equal the library's for the same file (the CLI's JSON equals the
 * library's, packages/cli/test/transcribe-e2e). Dev model: random weights, gibberish text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import OpenAI, { AuthenticationError } from 'openai';
import { createTranscriber, formatTranscript } from '@cephalon/stt';
import type { Transcript } from '@cephalon/stt';
import type { SpeechServer } from '../src/index.js';
import { JFK_FLAC, MODEL_DIR, startTestServer } from './support.js';

const KEY = 'test-key';
let server: SpeechServer;
let client: OpenAI;
let reference: Transcript;

before(async () => {
  server = await startTestServer({ apiKey: KEY });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: KEY, maxRetries: 0 });
  const transcriber = await createTranscriber({ model: MODEL_DIR });
  reference = await transcriber.transcribe(JFK_FLAC).finally(() => transcriber.dispose());
});
after(async () => {
  await server.close();
});

const file = () => createReadStream(JFK_FLAC);

test('verbose_json: the library transcript in OpenAI shape, tokens equal', async () => {
  const r = await client.audio.transcriptions.create({ file: file(), model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['segment'] });
  assert.equal(r.text, reference.text);
  assert.equal(r.duration, reference.durationSec);
  assert.ok(reference.segments.length > 0);
  assert.deepEqual(r.segments?.map((s) => s.tokens), reference.segments.map((s) => [...s.tokenIds]));
  assert.deepEqual(r.segments?.map((s) => [s.start, s.end, s.text]), reference.segments.map((s) => [s.startSec, s.endSec, s.text]));
  assert.deepEqual(r.usage, { type: 'duration', seconds: Math.ceil(reference.durationSec) });
});

test('json, text, srt and vtt', async () => {
  const json = await client.audio.transcriptions.create({ file: file(), model: 'whisper-dev-random' });
  assert.equal(json.text, reference.text);
  const text = await client.audio.transcriptions.create({ file: file(), model: 'whisper-1', response_format: 'text' });
  assert.equal(text, `${reference.text.trim()}\n`);
  for (const format of ['srt', 'vtt'] as const) {
    const body = await client.audio.transcriptions.create({ file: file(), model: 'whisper-1', response_format: format });
    assert.equal(body, formatTranscript(reference, format), format);
  }
});

test('stream: one delta per segment, then done with the full text', async () => {
  const stream = await client.audio.transcriptions.create({ file: file(), model: 'whisper-1', stream: true });
  const events: { type: string; delta?: string; text?: string }[] = [];
  for await (const e of stream) events.push(e as { type: string });
  assert.deepEqual(events.map((e) => e.type), [...reference.segments.map(() => 'transcript.text.delta'), 'transcript.text.done']);
  assert.deepEqual(events.slice(0, -1).map((e) => e.delta), reference.segments.map((s) => s.text));
  assert.equal(events.at(-1)?.text, reference.text);
});

test('translations: task translate in verbose_json', async () => {
  const r = await client.audio.translations.create({ file: file(), model: 'whisper-1', response_format: 'verbose_json' });
  const transcriber = await createTranscriber({ model: MODEL_DIR });
  const expected = await transcriber.transcribe(JFK_FLAC, { task: 'translate' }).finally(() => transcriber.dispose());
  assert.equal((r as unknown as { task: string }).task, 'translate');
  assert.equal(r.text, expected.text);
});

test('models, and the API key on every route but /health', async () => {
  const models = await client.models.list();
  assert.deepEqual(models.data.map((m) => m.id), ['whisper-dev-random', 'whisper-1']);
  const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'nope', maxRetries: 0 });
  await assert.rejects(wrong.models.list(), (e: unknown) => e instanceof AuthenticationError && e.status === 401 && e.code === 'invalid_api_key');
  assert.equal((await fetch(`${server.url}/health`)).status, 200);
  assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
  const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${KEY}` } });
  assert.match(await metrics.text(), /cephalon_requests_total\{route="\/v1\/audio\/transcriptions",status="200"\} \d+/);
});
