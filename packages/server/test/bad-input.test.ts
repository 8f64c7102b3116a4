/**
 * Bad input gets the documented 4xx in OpenAI's error shape, never a 500 (docs/server.md, "Errors"). Most cases
 * are refused before any decoding, so the file runs in seconds.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { SpeechServer } from '../src/index.js';
import { startSpeechServer } from '../src/index.js';
import { JFK_FLAC, audioForm, startTestServer, toneWav } from './support.js';

let server: SpeechServer;
let jfk: Uint8Array;
const URL_PATH = '/v1/audio/transcriptions';

before(async () => {
  server = await startTestServer({ maxUploadMb: 2, maxAudioSec: 5 });
  jfk = new Uint8Array(await readFile(JFK_FLAC));
});
after(async () => {
  await server.close();
});

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function expectError(init: RequestInit, status: number, code: string, param: string | null = null): Promise<ErrorBody> {
  const r = await fetch(`${server.url}${URL_PATH}`, { method: 'POST', ...init });
  const body = (await r.json()) as ErrorBody;
  assert.equal(r.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.equal(body.error.param, param);
  assert.equal(typeof body.error.message, 'string');
  assert.equal(body.error.type, status >= 500 ? 'server_error' : 'invalid_request_error');
  return body;
}

test('wrong field values and types: 400 naming the field', async () => {
  const tiny = new Uint8Array([1, 2, 3]);
  await expectError({ body: audioForm(tiny, { response_format: 'xml' }) }, 400, 'invalid_value', 'response_format');
  await expectError({ body: audioForm(tiny, { temperature: 'hot' }) }, 400, 'invalid_type', 'temperature');
  await expectError({ body: audioForm(tiny, { temperature: '1.5' }) }, 400, 'invalid_value', 'temperature');
  await expectError({ body: audioForm(tiny, { stream: 'maybe' }) }, 400, 'invalid_type', 'stream');
  await expectError({ body: audioForm(tiny, { 'timestamp_granularities[]': 'sentence', response_format: 'verbose_json' }) }, 400, 'invalid_value', 'timestamp_granularities[]');
  await expectError({ body: audioForm(tiny, { 'timestamp_granularities[]': 'segment' }) }, 400, 'invalid_value', 'timestamp_granularities[]');
  // the dev model has no cross-attention outputs: word granularity is refused, naming the export that has them
  const word = await expectError({ body: audioForm(toneWav(0.5), { 'timestamp_granularities[]': 'word', response_format: 'verbose_json' }, 'tone.wav') }, 400, 'unsupported_value', 'timestamp_granularities[]');
  assert.match(word.error.message, /timestamped/);
  await expectError({ body: audioForm(tiny, { model: 'gpt-4o-transcribe' }) }, 400, 'model_not_found', 'model');
  await expectError({ body: audioForm(tiny, { model: [] }) }, 400, 'missing_field', 'model');
  await expectError({ body: audioForm(tiny, { language: 'en; drop table' }) }, 400, 'invalid_value', 'language');
  await expectError({ body: audioForm(toneWav(0.5), { language: 'xx' }, 'tone.wav') }, 400, 'invalid_value', 'language');
  const textFile = new FormData();
  textFile.append('file', 'not a file');
  textFile.append('model', 'whisper-1');
  await expectError({ body: textFile }, 400, 'invalid_type', 'file');
  const noFile = new FormData();
  noFile.append('model', 'whisper-1');
  await expectError({ body: noFile }, 400, 'missing_field', 'file');
});

test('0-byte file: 400; non-audio bytes: 415 (streamed or not); audio longer than --max-audio-s: 413', async () => {
  await expectError({ body: audioForm(new Uint8Array(0)) }, 400, 'empty_file', 'file');
  await expectError({ body: audioForm(new TextEncoder().encode('this is not audio at all '.repeat(200)), {}, 'notes.mp3') }, 415, 'unsupported_audio', 'file');
  await expectError({ body: audioForm(new TextEncoder().encode('not audio '.repeat(100)), { stream: 'true' }) }, 415, 'unsupported_audio', 'file');
  const long = await expectError({ body: audioForm(jfk) }, 413, 'audio_too_long', 'file');
  assert.match(long.error.message, /11\.0 s, more than this server accepts \(5 s\)/);
});

test('malformed multipart, wrong content type: 400', async () => {
  const headers = { 'content-type': 'multipart/form-data; boundary=XYZ' };
  await expectError({ headers, body: '--XYZ\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--XYZ\r\nContent-Disp' }, 400, 'malformed_multipart');
  await expectError({ headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' }, 400, 'malformed_multipart');
  await expectError({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'whisper-1' }) }, 400, 'invalid_content_type');
  await expectError({ headers: { 'content-type': 'text/plain' }, body: 'hello' }, 400, 'invalid_content_type');
});

test('an upload over --max-upload-mb (2): 413, streamed or declared (2 GB Content-Length, body never sent)', async () => {
  await expectError({ body: audioForm(new Uint8Array(2.5 * 1024 * 1024)) }, 413, 'file_too_large', 'file');
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${server.url}${URL_PATH}`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=B', 'content-length': String(2 * 1024 ** 3) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.write('--B\r\n'); // a few bytes of the 2 GB promised; the answer must come anyway
  });
  assert.equal(status, 413);
  assert.equal((JSON.parse(body) as ErrorBody).error.code, 'file_too_large');
});

test('a request over --request-timeout-s: 504 request_timeout', async () => {
  const hasty = await startTestServer({ requestTimeoutSec: 0.2 });
  try {
    const r = await fetch(`${hasty.url}${URL_PATH}`, { method: 'POST', body: audioForm(jfk) });
    const body = (await r.json()) as ErrorBody;
    assert.equal(r.status, 504, JSON.stringify(body));
    assert.equal(body.error.code, 'request_timeout');
    assert.equal(body.error.type, 'server_error');
  } finally {
    await hasty.close();
  }
});

test('unknown route: 404 in the same shape; /health and routes say 503 when the model cannot load', async () => {
  const r = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST' });
  assert.equal(r.status, 404);
  assert.equal(((await r.json()) as ErrorBody).error.code, 'unknown_url');
  const broken = await startSpeechServer({ model: '/nonexistent/model-folder', port: 0 });
  try {
    await assert.rejects(broken.ready);
    const health = await fetch(`${broken.url}/health`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { status: string }).status, 'error');
    const post = await fetch(`${broken.url}${URL_PATH}`, { method: 'POST', body: audioForm(new Uint8Array([1])) });
    assert.equal(post.status, 503);
    assert.equal(((await post.json()) as ErrorBody).error.code, 'model_unavailable');
  } finally {
    await broken.close();
  }
});
