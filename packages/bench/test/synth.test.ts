/**
 * The synthetic pipeline end to end: scripts from a local server imitating /v1/chat/completions, speech from
 * espeak-ng, seeded sox/noise augmentation, manifest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '@cephalon/stt';
import { generateScripts, readManifest, synthesizeDataset } from '../src/index.js';

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function withChatServer<T>(answers: readonly string[], run: (url: string, requests: unknown[]) => Promise<T>): Promise<T> {
  const requests: unknown[] = [];
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      requests.push({ url: req.url, method: req.method, body: JSON.parse(text) as unknown });
      const content = answers[Math.min(requests.length - 1, answers.length - 1)] ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    return await run(`http://127.0.0.1:${port}`, requests);
  } finally {
    server.close();
  }
}

test('generateScripts asks an OpenAI-compatible chat endpoint until it has enough distinct lines', async () => {
  await withChatServer(['1. Um, the meeting moved to Thursday.\n2. We shipped forty two units.', '- We shipped forty two units.\n- Call Stella tomorrow please.'], async (url, requests) => {
    const scripts = await generateScripts({ baseUrl: url, model: 'tiny-llm', count: 3, seed: 5 });
    assert.deepEqual(scripts, ['Um, the meeting moved to Thursday.', 'We shipped forty two units.', 'Call Stella tomorrow please.']);
    assert.equal(requests.length, 2);
    const first = requests[0] as { url: string; method: string; body: { model: string; seed: number; messages: { role: string; content: string }[] } };
    assert.equal(first.url, '/v1/chat/completions');
    assert.equal(first.method, 'POST');
    assert.equal(first.body.model, 'tiny-llm');
    assert.equal(first.body.seed, 5);
    assert.match(first.body.messages[1]?.content ?? '', /Write 3 different sentences/);
  });
});

test('synthesizeDataset renders speech with espeak-ng, augments by seed and writes a manifest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  try {
    const scripts = await withChatServer(['Hello there, this is a test.\nNumbers like seven and twelve.\nA third short line.'], (url) => generateScripts({ baseUrl: url, model: 'm', count: 3 }));
    const augment = { speed: [1.25], noiseSnrDb: [10], probability: 1 };
    const events: number[] = [];
    const ds = await synthesizeDataset({ scripts, outDir: join(dir, 'a'), augment, seed: 3, onProgress: (done) => events.push(done) });
    assert.deepEqual(events, [1, 2, 3]);
    const back = await readManifest(join(dir, 'a', 'manifest.jsonl'));
    assert.deepEqual(back.utterances.map((u) => u.reference), scripts);
    const first = back.utterances[0];
    assert.ok(first !== undefined);
    assert.equal(first.tags?.['synthetic'], true);
    assert.equal(first.tags?.['aug_speed'], 1.25);
    assert.equal(first.tags?.['aug_noise_snr_db'], 10);
    const wav = decodeWav(readFileSync(first.audioPath));
    assert.equal(wav.sampleRate, 16000);
    assert.ok(Math.abs(first.durationSec - wav.samples.length / 16000) < 1e-9);
    // Same seed, same bytes (noise included); another seed, other noise.
    const again = await synthesizeDataset({ scripts: scripts.slice(0, 1), outDir: join(dir, 'b'), augment, seed: 3 });
    const other = await synthesizeDataset({ scripts: scripts.slice(0, 1), outDir: join(dir, 'c'), augment, seed: 4 });
    assert.deepEqual(readFileSync(again.utterances[0]?.audioPath ?? ''), readFileSync(first.audioPath));
    assert.notDeepEqual(readFileSync(other.utterances[0]?.audioPath ?? ''), readFileSync(first.audioPath));
    assert.ok(ds.utterances.every((u) => u.durationSec > 0.5));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('synthesizeDataset rejects a TTS template without {text} or {out}', async () => {
  await assert.rejects(synthesizeDataset({ scripts: ['a b'], outDir: '/tmp/never', ttsCommand: ['espeak-ng', '{text}'] }), /must contain \{text\} and \{out\}/);
});
