/**
 * `cephalon transcribe` end to end on the shared random-weight model (its text is gibberish): all formats are
 * written, parse, and equal what the library returns for the same options. And, without network, the README's
 * command fails with the typed "cannot reach the Hub" error and the hint to pass a local folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTranscriber, formatTimestamp, formatTranscript, toVerboseJson, VTT_TIMESTAMP } from '@cephalon/stt';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK_WAV = join(MODEL_DIR, 'audio', 'jfk.wav');
/** Language fixed and no temperature fallback: one decode per window keeps the test fast. */
const CLI_OPTIONS = ['--language', 'en', '--temperature-increment-on-fallback', 'none'];
const LIBRARY_OPTIONS = { language: 'en', temperature: [0] } as const;

test('transcribe writes every format, each equal to the library result for the same options', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cephalon-e2e-'));
  try {
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, out);
    const code = await main(['transcribe', JFK_WAV, '--model', MODEL_DIR, '--output-dir', 'outputs', '--verbose', ...CLI_OPTIONS], c.io);
    assert.equal(code, EXIT.ok, c.stderr());
    assert.match(c.stderr(), /jfk\.wav: 11\.0\/11\.0 s \(100%\)/);
    const dir = join(out, 'outputs');
    assert.deepEqual((await readdir(dir)).sort(), ['jfk.json', 'jfk.srt', 'jfk.tsv', 'jfk.txt', 'jfk.vtt']);

    const transcriber = await createTranscriber({ model: MODEL_DIR });
    const transcript = await transcriber.transcribe(JFK_WAV, LIBRARY_OPTIONS).finally(() => transcriber.dispose());
    assert.ok(transcript.segments.length > 0);
    const vtt = (sec: number): string => formatTimestamp(sec, VTT_TIMESTAMP);
    const expectedLines = transcript.segments.map((s) => `[${vtt(s.startSec)} --> ${vtt(s.endSec)}] ${s.text}\n`);
    assert.equal(c.stdout(), expectedLines.join(''), 'one --verbose line per segment');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'jfk.json'), 'utf8')), toVerboseJson(transcript));
    for (const format of ['txt', 'srt', 'vtt', 'tsv'] as const) {
      assert.equal(await readFile(join(dir, `jfk.${format}`), 'utf8'), formatTranscript(transcript, format), format);
    }
    if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) return;
    for (const file of ['jfk.srt', 'jfk.vtt']) {
      const r = spawnSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', join(dir, file), '-f', 'srt', '-'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.split('-->').length - 1, transcript.segments.length, `${file}: cue count`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

test('without network, `transcribe audio.flac --model tiny.en` fails with the typed Hub error and the local-folder hint', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-offline-'));
  try {
    await copyFile(join(MODEL_DIR, 'audio', 'jfk.flac'), join(dir, 'audio.flac'));
    const env = { HF_ENDPOINT: `http://127.0.0.1:${await closedPort()}`, HF_HUB_CACHE: join(dir, 'cache'), CEPHALON_HUB_RETRIES: '0' };
    const c = captureIo(env, dir);
    assert.equal(await main(['transcribe', 'audio.flac', '--model', 'tiny.en'], c.io), EXIT.networkError);
    const lines = c.stderr().split('\n').filter((l) => l.length > 0);
    assert.equal(lines.length, 1, c.stderr());
    assert.match(lines[0] ?? '', /^cephalon: Cannot reach the Hugging Face Hub at http:\/\/127\.0\.0\.1:\d+ \(.*pass the path of a local model folder.*\)$/);
    const outputs = (await readdir(dir)).filter((n) => n.startsWith('audio.') && n !== 'audio.flac');
    assert.deepEqual(outputs, [], 'no output file may be written when the model cannot load');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('transcribe --strategy chunked runs the overlapping-window strategy end to end', async () => {
  const out = await mkdtemp(join(tmpdir(), 'cephalon-e2e-chunked-'));
  try {
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, out);
    const args = ['transcribe', JFK_WAV, '--model', MODEL_DIR, '--output-dir', 'o', '--output-format', 'json'];
    const code = await main([...args, '--strategy', 'chunked', '--chunk-length', '8', '--overlap', '2', ...CLI_OPTIONS], c.io);
    assert.equal(code, EXIT.ok, c.stderr());
    const json = JSON.parse(await readFile(join(out, 'o', 'jfk.json'), 'utf8')) as { segments: { start: number; end: number }[] };
    assert.ok(json.segments.length > 0);
    for (let i = 1; i < json.segments.length; i++) {
      assert.ok((json.segments[i]?.start ?? 0) >= (json.segments[i - 1]?.start ?? 0), 'segment starts never decrease');
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
