/**
 * `/v1/realtime` with the SDK's own realtime client (`OpenAIRealtimeWS` from `openai/realtime/ws`, `ws` installed),
 * unchanged but the base URL: a transcription session, audio appended as PCM16 24 kHz, turns found by the server
 * VAD or committed by the client, transcription events received. The SDK opens only wss:// sockets, so the server
 * runs with a self-signed certificate made by `openssl` for 127.0.0.1. Dev model (gibberish text).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { createTranscriber, loadAudio, resample } from '@cephalon/stt';
import type { SpeechServer } from '../src/index.js';
import { pcm16Wav } from '../src/realtime/pcm-buffer.js';
import { JFK_FLAC, MODEL_DIR, startTestServer } from './support.js';

const KEY = 'rt-key';
let server: SpeechServer;
let cert: string;
let dir: string;
/** jfk.flac as PCM16 at 24 kHz, OpenAI's realtime rate. */
let jfk24k: Int16Array;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cephalon-rt-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = await readFile(join(dir, 'cert.pem'), 'utf8');
  server = await startTestServer({ apiKey: KEY, tls: { key: await readFile(join(dir, 'key.pem')), cert } });
  const audio = await loadAudio(JFK_FLAC);
  const up = resample(audio.samples, 16_000, 24_000);
  jfk24k = Int16Array.from(up, (x) => Math.max(-32768, Math.min(32767, Math.round(x * 32767))));
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

type Event = { type: string; item_id?: string; transcript?: string; delta?: string; error?: { code: string } };

async function connect(): Promise<{ rt: OpenAIRealtimeWS; events: Event[]; waitFor: (pred: (e: Event) => boolean, ms: number) => Promise<Event> }> {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: KEY });
  const rt = new OpenAIRealtimeWS({ model: 'whisper-1', options: { ca: cert } }, client);
  const events: Event[] = [];
  const waiters: { pred: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  rt.on('event', (e) => {
    events.push(e as Event);
    for (const w of [...waiters]) {
      if (!w.pred(e as Event)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e as Event);
    }
  });
  rt.on('error', () => undefined); // error events are asserted from `events`
  const waitFor = (pred: (e: Event) => boolean, ms: number): Promise<Event> => {
    const seen = events.find(pred);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; events: ${events.map((e) => e.type).join(', ')}`)), ms);
      waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  };
  await new Promise<void>((resolve, reject) => {
    rt.socket.once('open', () => resolve());
    rt.socket.once('error', reject);
  });
  return { rt, events, waitFor };
}

function appendAll(rt: OpenAIRealtimeWS, samples: Int16Array, chunkMs = 100): void {
  const step = (24_000 * chunkMs) / 1000;
  for (let i = 0; i < samples.length; i += step) {
    const chunk = samples.subarray(i, i + step);
    rt.send({ type: 'input_audio_buffer.append', audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64') });
  }
}

test('manual commit (turn_detection null): committed, then completed with the library transcript of the same audio', async () => {
  const { rt, events, waitFor } = await connect();
  try {
    await waitFor((e) => e.type === 'session.created', 10_000);
    rt.send({
      type: 'session.update',
      session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'whisper-1', language: 'en' }, turn_detection: null } } },
    });
    await waitFor((e) => e.type === 'session.updated', 10_000);
    rt.send({ type: 'input_audio_buffer.commit' });
    assert.equal((await waitFor((e) => e.type === 'error', 10_000)).error?.code, 'input_audio_buffer_commit_empty');
    appendAll(rt, jfk24k);
    rt.send({ type: 'input_audio_buffer.commit' });
    const committed = await waitFor((e) => e.type === 'input_audio_buffer.committed', 10_000);
    const completed = await waitFor((e) => e.type === 'conversation.item.input_audio_transcription.completed', 120_000);
    assert.equal(completed.item_id, committed.item_id);
    const transcriber = await createTranscriber({ model: MODEL_DIR });
    const expected = await transcriber.transcribe(pcm16Wav(jfk24k, 24_000), { language: 'en' }).finally(() => transcriber.dispose());
    assert.equal(completed.transcript, expected.text);
    const deltas = events.filter((e) => e.type === 'conversation.item.input_audio_transcription.delta' && e.item_id === committed.item_id);
    assert.deepEqual(deltas.map((e) => e.delta), expected.segments.map((s) => s.text));
    assert.ok(!events.some((e) => e.type === 'input_audio_buffer.speech_started'), 'no VAD events without turn detection');
  } finally {
    rt.close();
  }
});

test('server_vad: speech_started, speech_stopped, committed and transcription events for every turn', async () => {
  const { rt, events, waitFor } = await connect();
  try {
    rt.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'whisper-1', language: 'en' }, turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 800 } } },
      },
    });
    await waitFor((e) => e.type === 'session.updated', 10_000);
    const silence = new Int16Array(24_000); // 1 s before and after the speech
    appendAll(rt, silence);
    appendAll(rt, jfk24k);
    appendAll(rt, silence);
    // Events are handled in order: once `cleared` arrives, every append before it has gone through the VAD (the
    // trailing second of silence is longer than silence_duration_ms, so the last turn has ended too).
    rt.send({ type: 'input_audio_buffer.clear' });
    await waitFor((e) => e.type === 'input_audio_buffer.cleared', 30_000);
    const stopped = await waitFor((e) => e.type === 'input_audio_buffer.speech_stopped', 10_000);
    const starts = events.filter((e) => e.type === 'input_audio_buffer.speech_started');
    const stops = events.filter((e) => e.type === 'input_audio_buffer.speech_stopped');
    const commits = events.filter((e) => e.type === 'input_audio_buffer.committed');
    assert.ok(starts.length >= 1 && starts.length === stops.length && stops.length === commits.length, `${starts.length}/${stops.length}/${commits.length}`);
    assert.deepEqual(commits.map((e) => e.item_id), starts.map((e) => e.item_id));
    assert.equal(stops[0]?.item_id, stopped.item_id);
    const first = starts[0] as Event & { audio_start_ms: number };
    // 1 s of silence, then jfk (its first word within its first second), less the 300 ms prefix padding.
    assert.ok(first.audio_start_ms >= 700 && first.audio_start_ms <= 1700, `speech starts after the silence: ${first.audio_start_ms}`);
    for (const c of commits) {
      const done = await waitFor((e) => e.type === 'conversation.item.input_audio_transcription.completed' && e.item_id === c.item_id, 120_000);
      assert.equal(typeof done.transcript, 'string');
    }
  } finally {
    rt.close();
  }
});

test('bad session fields and unknown events get error events naming the field', async () => {
  const { rt, events, waitFor } = await connect();
  try {
    rt.send({ type: 'session.update', session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcm', rate: 44100 as 24000 } } } } });
    const e1 = (await waitFor((e) => e.type === 'error', 10_000)) as Event & { error: { param: string } };
    assert.equal(e1.error.param, 'session.audio.input.format.rate');
    rt.send({ type: 'response.create' });
    await waitFor((e) => e.type === 'error' && e.error?.code === 'unknown_event', 10_000);
    assert.equal(events.filter((e) => e.type === 'session.updated').length, 0);
  } finally {
    rt.close();
  }
});
