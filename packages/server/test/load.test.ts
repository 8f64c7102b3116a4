/**
 * Many clients on one model: 50 concurrent uploads against a queue of 8 each end with a transcript or a 429
 * (none hangs, none is lost), the house never holds more than its capacity, memory stays bounded; a client that
 * disconnects mid-upload or mid-stream frees its slot. Loopback only; dev model (gibberish text).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { loadAudio } from '@cephalon/stt';
import type { SpeechServer } from '../src/index.js';
import { JFK_FLAC, audioForm, eventually, startTestServer, toneWav, wavBytes } from './support.js';

let server: SpeechServer;
let jfk: Uint8Array;
/** The load test sends a 1 s tone: the mechanism is under test, and it decodes in a fraction of jfk's time. */
const TONE = toneWav(1);

before(async () => {
  server = await startTestServer({ queue: 8, concurrency: 1 });
  jfk = new Uint8Array(await readFile(JFK_FLAC));
});
after(async () => {
  await server.close();
});

interface Health {
  queue: { waiting: number; running: number; capacity: number };
}
const health = async (): Promise<Health> => (await (await fetch(`${server.url}/health`)).json()) as Health;
const inHouse = async (): Promise<number> => {
  const { queue } = await health();
  return queue.waiting + queue.running;
};
const metric = async (name: string): Promise<number> => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
};

test('50 concurrent uploads, queue of 8: each ends with a transcript or a 429; capacity and memory bounded', async () => {
  const rss0 = process.memoryUsage().rss;
  let peakRss = rss0;
  let peakInHouse = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakInHouse = Math.max(peakInHouse, await inHouse());
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const results = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const r = await fetch(`${server.url}/v1/audio/transcriptions`, { method: 'POST', body: audioForm(TONE, {}, 'tone.wav'), signal: AbortSignal.timeout(240_000) });
      return { status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { text?: string; error?: { code: string } } };
    }),
  );
  sampling = false;
  await sampler;
  const ok = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status === 429);
  assert.equal(ok.length + refused.length, 50, `statuses: ${results.map((r) => r.status).join(',')}`);
  assert.ok(ok.length >= 9, `at least the capacity (1 decoding + 8 queued) is served, got ${ok.length}`);
  assert.ok(refused.length > 0, 'the queue of 8 refused some of 50 simultaneous requests');
  const texts = new Set(ok.map((r) => r.body.text));
  assert.equal(texts.size, 1, 'every transcript of the same audio is the same');
  assert.ok((ok[0]?.body.text ?? '').length > 0);
  for (const r of refused) {
    assert.equal(r.body.error?.code, 'queue_full');
    assert.ok(Number(r.retryAfter) >= 1, `Retry-After ${r.retryAfter}`);
  }
  assert.ok(peakInHouse <= 9, `peak requests in the house ${peakInHouse}`);
  assert.equal(await inHouse(), 0, 'every slot is free again');
  const growthMb = (peakRss - rss0) / 1024 / 1024;
  assert.ok(growthMb < 500, `RSS grew by ${growthMb.toFixed(0)} MB`);
});

test('a client that disconnects mid-upload frees its slot', async () => {
  assert.equal(await inHouse(), 0);
  const req = request(`${server.url}/v1/audio/transcriptions`, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=B', 'content-length': String(2 * 1024 * 1024) },
  });
  req.on('error', () => undefined);
  req.write('--B\r\nContent-Disposition: form-data; name="file"; filename="a.flac"\r\nContent-Type: audio/flac\r\n\r\n');
  req.write(jfk.subarray(0, 64 * 1024));
  assert.ok(await eventually(async () => (await inHouse()) === 1, 5000), 'the upload was admitted');
  req.destroy();
  assert.ok(await eventually(async () => (await inHouse()) === 0, 5000), 'its slot is free after the disconnect');
});

test('a client that disconnects mid-stream stops the decoding and frees its slot', async () => {
  const audio = await loadAudio(JFK_FLAC);
  const long = new Float32Array(audio.samples.length * 3); // 33 s: two 30 s windows; the abort lands in the second
  for (let i = 0; i < 3; i++) long.set(audio.samples, i * audio.samples.length);
  const wav = wavBytes(long);
  const audioBefore = await metric('cephalon_audio_seconds_total');
  const controller = new AbortController();
  const r = await fetch(`${server.url}/v1/audio/transcriptions`, { method: 'POST', body: audioForm(wav, { stream: 'true' }, 'long.wav'), signal: controller.signal });
  assert.equal(r.status, 200);
  const reader = (r.body as ReadableStream<Uint8Array>).getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  assert.match(first, /^data: \{"type":"transcript\.text\.delta"/);
  controller.abort();
  assert.ok(await eventually(async () => (await inHouse()) === 0, 60_000), 'its slot is free');
  assert.equal(await metric('cephalon_cancelled_total{reason="client"}'), 1);
  assert.equal(await metric('cephalon_audio_seconds_total'), audioBefore, 'the cancelled request was not finished');
});
