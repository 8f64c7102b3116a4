import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchEngineError, InvalidOptionError, MissingToolError } from '@cephalon/stt';
import { createCommandEngine, createEngine, createOpenAiHttpEngine, encodeWav16, fillTemplate, paramsToOptions, splitCommandLine } from '../src/index.js';
import { FAKE_ENGINE } from './helpers/fake-dataset.js';

test('fillTemplate keeps each item one argument and names a missing placeholder', () => {
  assert.deepEqual(fillTemplate(['tts', '-w', '{out}', '{text}'], { out: 'a b.wav', text: 'it\'s "quoted"; rm -rf /' }), ['tts', '-w', 'a b.wav', 'it\'s "quoted"; rm -rf /']);
  assert.throws(() => fillTemplate(['x', '{model}'], { audio: 'a' }), (e: unknown) => e instanceof InvalidOptionError && /\{model\}/.test(e.message));
  assert.deepEqual(splitCommandLine(`whisper-cli -m "my model.bin" -f {audio} --prompt 'a b'`), ['whisper-cli', '-m', 'my model.bin', '-f', '{audio}', '--prompt', 'a b']);
});

test('command engine: stdout is the transcript, params fill placeholders, peak memory is read from /proc', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cmd-'));
  try {
    const audio = join(dir, 'clip one.txt');
    writeFileSync(audio, 'alpha bravo charlie delta echo foxtrot');
    const engine = await createEngine({ kind: 'command', name: 'fake', command: [FAKE_ENGINE, '{audio}', '{seed}', '{delay}'] });
    assert.equal(engine.capabilities.inProcess, false);
    const a = await engine.transcribe(audio, { seed: 1, delay: '0.1' });
    const b = await engine.transcribe(audio, { seed: 1, delay: '0' });
    const c = await engine.transcribe(audio, { seed: 2, delay: '0' });
    assert.equal(a.text, b.text);
    assert.notEqual(a.text, c.text);
    assert.match(a.text, /zzz/);
    // The child lived 100 ms, long enough for the 10 ms VmHWM poller: a real peak RSS of a shell (> 100 kB).
    assert.ok(a.peakMemoryBytes !== undefined && a.peakMemoryBytes > 100_000, `peak ${a.peakMemoryBytes}`);
    await engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('command engine: a missing program is MissingToolError, a failing one BenchEngineError with its stderr', async () => {
  const missing = createCommandEngine({ name: 'x', command: ['no-such-asr-program-xyz', '{audio}'] });
  await assert.rejects(missing.transcribe('/tmp/a.wav', {}), MissingToolError);
  const failing = createCommandEngine({ name: 'y', command: ['sh', '-c', 'echo broken model >&2; exit 3', '{audio}'] });
  await assert.rejects(failing.transcribe('/tmp/a.wav', {}), (e: unknown) => e instanceof BenchEngineError && /exited with 3: broken model/.test(e.message));
  assert.throws(() => createCommandEngine({ name: 'z', command: ['asr', 'file.wav'] }), /must contain \{audio\}/);
});

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test('openai-http engine posts multipart to /v1/audio/transcriptions and reads text and segments', async () => {
  const seen: { url?: string; fields: Record<string, string>; fileBytes: number } = { fields: {}, fileBytes: 0 };
  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      seen.url = req.url ?? '';
      const form = await new Request('http://x', { method: 'POST', body: raw, headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') seen.fields[k] = v;
        else seen.fileBytes = (await v.arrayBuffer()).byteLength;
      }
      if (seen.fields['language'] === 'xx') { res.statusCode = 400; res.end('{"error":{"message":"bad language"}}'); return; }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ text: ' hello world ', segments: [{ start: 0, end: 1.5, text: ' hello world' }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  try {
    const audio = join(dir, 'a.wav');
    writeFileSync(audio, Buffer.alloc(1234, 7));
    const engine = createOpenAiHttpEngine({ name: 'srv', baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, model: 'tiny' });
    const r = await engine.transcribe(audio, { language: 'en', temperature: 0 });
    assert.deepEqual(r, { text: 'hello world', segments: [{ startSec: 0, endSec: 1.5, text: ' hello world' }] });
    assert.equal(seen.url, '/v1/audio/transcriptions');
    assert.deepEqual(seen.fields, { model: 'tiny', response_format: 'verbose_json', language: 'en', temperature: '0' });
    assert.equal(seen.fileBytes, 1234);
    await assert.rejects(engine.transcribe(audio, { language: 'xx' }), (e: unknown) => e instanceof BenchEngineError && /answered 400/.test(e.message));
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('paramsToOptions maps bench shorthands onto TranscribeOptions', () => {
  assert.deepEqual(paramsToOptions({ beamSize: 1, fallback: true, language: 'en' }), { language: 'en', decoding: { kind: 'greedy' } });
  assert.deepEqual(paramsToOptions({ beamSize: 5, fallback: false }, { language: 'de' }), { language: 'de', decoding: { kind: 'beam', beamSize: 5 }, temperature: 0 });
  assert.throws(() => paramsToOptions({ beamSize: 'wide' }), InvalidOptionError);
});

test('command engine with audioFormat wav16k hands the program a 16 kHz mono 16-bit WAV', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wav16k-'));
  try {
    const audio = join(dir, 'in.wav');
    writeFileSync(audio, encodeWav16(new Float32Array(44100).fill(0.2), 44100));
    // One soxi call per property (type, rate, channels, bits) of the file the program receives.
    const ask = (flag: string): Promise<string> => createCommandEngine({ name: 'p', audioFormat: 'wav16k', command: ['soxi', flag, '{audio}'] }).transcribe(audio, {}).then((r) => r.text);
    assert.deepEqual(await Promise.all(['-t', '-r', '-c', '-b'].map(ask)), ['wav', '16000', '1', '16']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
