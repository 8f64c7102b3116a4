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

/** `samples` cut into 100 ms chunks, as appended. */
function chunks(samples: Int16Array, chunkMs = 100): Int16Array[] {
  const step = (24_000 * chunkMs) / 1000;
  const out: Int16Array[] = [];
  for (let i = 0; i < samples.length; i += step) out.push(samples.subarray(i, i + step));
  return out;
}

function appendAll(rt: OpenAIRealtimeWS, samples: Int16Array): void {
  for (const chunk of chunks(samples)) rt.send({ type: 'input_audio_buffer.append', audio: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64') });
}

test('manual commit (turn_detection null): committed, then completed with the library stream transcript of the same audio', async () => {
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
    // The server transcribes with the library's stream() (no VAD in manual mode, chunks processed in lockstep), so
    // the reference is stream() on the same chunks, not transcribe(): stream() decodes the growing buffer every
    // second and commits what consecutive hypotheses agree on, which legitimately differs from one offline decode.
    const transcriber = await createTranscriber({ model: MODEL_DIR });
    const commits: string[] = [];
    let finalText: string | null = null;
    try {
      const source = (async function* () {
        yield* chunks(jfk24k);
      })();
      for await (const e of transcriber.stream(source, { language: 'en', vad: false, input: { sampleRate: 24_000 }, lockstep: true })) {
        if (e.type === 'commit' && e.text !== '') commits.push(e.text);
        if (e.type === 'final') finalText = e.text;
      }
    } finally {
      await transcriber.dispose();
    }
    assert.ok(finalText !== null && commits.length > 0);
    assert.equal(completed.transcript, finalText);
    const deltas = events.filter((e) => e.type === 'conversation.item.input_audio_transcription.delta' && e.item_id === committed.item_id);
    assert.deepEqual(deltas.map((e) => e.delta), commits);
    assert.ok(!events.some((e) => e.type === 'input_audio_buffer.speech_started'), 'no VAD events without turn detection');
  } finally {
    rt.close();
  }
});

test('server_vad (Silero): speech_started, deltas from the stream commits, speech_stopped, committed, completed', async () => {
  const { rt, events, waitFor } = await connect();
  try {
    rt.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'whisper-1', language: 'en' }, turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 2000 } } },
      },
    });
    await waitFor((e) => e.type === 'session.updated', 10_000);
    // 1 s of silence, jfk (its pauses are shorter than 2 s: one turn), 4 s of silence (more than the 2 s minimum
    // silence plus two 300 ms pads, after which the library's segmenter ends the turn).
    appendAll(rt, new Int16Array(24_000));
    appendAll(rt, jfk24k);
    appendAll(rt, new Int16Array(4 * 24_000));
    const stopped = (await waitFor((e) => e.type === 'input_audio_buffer.speech_stopped', 120_000)) as Event & { audio_end_ms: number };
    const done = await waitFor((e) => e.type === 'conversation.item.input_audio_transcription.completed' && e.item_id === stopped.item_id, 10_000);
    const starts = events.filter((e) => e.type === 'input_audio_buffer.speech_started');
    const commits = events.filter((e) => e.type === 'input_audio_buffer.committed');
    assert.deepEqual(starts.map((e) => e.item_id), [stopped.item_id]);
    assert.deepEqual(commits.map((e) => e.item_id), [stopped.item_id]);
    const first = starts[0] as Event & { audio_start_ms: number };
    // 1 s of silence, then jfk (its first word within its first second), less the 300 ms prefix padding.
    assert.ok(first.audio_start_ms >= 700 && first.audio_start_ms <= 1700, `speech starts after the silence: ${first.audio_start_ms}`);
    const jfkEndMs = 1000 + (jfk24k.length * 1000) / 24_000;
    assert.ok(stopped.audio_end_ms > first.audio_start_ms + 8000 && stopped.audio_end_ms <= jfkEndMs + 300, `speech stops at jfk's end: ${stopped.audio_end_ms}`);
    // The item's deltas are the stream's commits while the user spoke; completed carries them all.
    const deltas = events.filter((e) => e.type === 'conversation.item.input_audio_transcription.delta' && e.item_id === stopped.item_id);
    assert.ok(deltas.length > 0);
    assert.equal(done.transcript, deltas.map((e) => e.delta).join(' '));
    const idx = (pred: (e: Event) => boolean): number => events.findIndex(pred);
    assert.ok(idx((e) => e === deltas[0]) > idx((e) => e === first) && idx((e) => e === deltas.at(-1)) < idx((e) => e === stopped), 'deltas between speech_started and speech_stopped');
    rt.send({ type: 'input_audio_buffer.clear' });
    await waitFor((e) => e.type === 'input_audio_buffer.cleared', 10_000);
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
