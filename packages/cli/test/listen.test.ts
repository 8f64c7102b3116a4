/**
 * `cephalon listen`: option errors before any model load, raw PCM on stdin end to end (jsonl events), Ctrl-C on a
 * file played in real time (a real SIGINT to the real binary), and the missing-recorder error. The model is the
 * shared random-weight Whisper: its text is gibberish, the checks are on the events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadAudio, MissingToolError, Resampler } from '@cephalon/stt';
import { EXIT } from '../src/command.js';
import { pickMicBackend } from '../src/listen/sources.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK = `${MODEL_DIR}/audio/jfk.wav`;
const LONG = `${MODEL_DIR}/audio/long.wav`;
const BIN = fileURLToPath(new URL('../bin/cephalon.js', import.meta.url));

interface JsonEvent {
  type: string;
  text: string;
  start: number | null;
  end: number | null;
  audioSec: number;
  wallSec: number;
  aborted?: boolean;
}

function checkEvents(lines: readonly JsonEvent[]): JsonEvent {
  for (const e of lines) assert.deepEqual(Object.keys(e).slice(0, 6), ['type', 'text', 'start', 'end', 'audioSec', 'wallSec']);
  const final = lines[lines.length - 1] as JsonEvent;
  assert.equal(final.type, 'final');
  assert.equal(final.text, lines.filter((e) => e.type === 'commit').map((e) => e.text).join(' '));
  return final;
}

test('option mistakes are usage errors naming the option, before any model is loaded', async () => {
  for (const [argv, what] of [
    [['listen', '--speed', '2'], '--speed'],
    [['listen', '--input', '-', '--format-in', 's17le'], '--format-in'],
    [['listen', '--input', JFK, '--rate', '8000'], '--rate'],
    [['listen', '--no-vad', '--vad-threshold', '0.3'], '--no-vad'],
    [['listen', '--format', 'srt'], '--format'],
  ] as const) {
    const c = captureIo();
    assert.equal(await main(argv, c.io), EXIT.usage, `${argv.join(' ')}: ${c.stderr()}`);
    assert.ok(c.stderr().includes(what), c.stderr());
  }
  const missing = captureIo();
  assert.equal(await main(['listen', '--input', 'no-such.wav', '--model', MODEL_DIR], missing.io), EXIT.inputError);
});

test('no recorder: a typed error naming the Debian packages', { skip: spawnSync('arecord', ['--version']).error === undefined ? 'arecord is installed here' : false }, () => {
  assert.throws(() => pickMicBackend('auto', '/nonexistent/ffmpeg'), (e: unknown) => e instanceof MissingToolError && /alsa-utils/.test(e.hint ?? '') && /ffmpeg/.test(e.hint ?? ''));
  assert.throws(() => pickMicBackend('arecord'), MissingToolError);
});

test('raw s16le PCM at 8 kHz on stdin streams to jsonl events ending with final', async () => {
  const jfk = (await loadAudio(JFK)).samples.subarray(0, 4 * 16000);
  const at8k = new Resampler(16000, 8000).process(jfk);
  const bytes = Buffer.from(Int16Array.from(at8k, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768)))).buffer);
  const c = captureIo();
  const stdin = c.io.stdin as NodeJS.ReadWriteStream;
  for (let at = 0; at < bytes.length; at += 1001) stdin.write(bytes.subarray(at, at + 1001)); // odd sizes split samples
  stdin.end();
  const code = await main(['listen', '--input', '-', '--format-in', 's16le', '--rate', '8000', '--format', 'jsonl', '--model', MODEL_DIR, '--language', 'en'], c.io);
  assert.equal(code, EXIT.ok, c.stderr());
  const lines = c.stdout().trim().split('\n').map((l) => JSON.parse(l) as JsonEvent);
  const final = checkEvents(lines);
  assert.equal(final.aborted, false);
  assert.ok(Math.abs(final.audioSec - 4) < 0.01, `audio ${final.audioSec} s`);
  assert.ok(lines.some((e) => e.type === 'speech-start'));
});

test('Ctrl-C while a file plays in real time: final (aborted) with every commit, exit 0', async () => {
  const child = spawn(process.execPath, [BIN, 'listen', '--input', LONG, '--speed', '1', '--format', 'jsonl', '--model', MODEL_DIR, '--language', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    // Interrupt a few seconds into the stream.
    if (err.includes('listening to')) setTimeout(() => child.kill('SIGINT'), 6000);
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  assert.equal(code, 0, err);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as JsonEvent);
  const final = checkEvents(lines);
  assert.equal(final.aborted, true);
  assert.ok(final.audioSec > 1 && final.audioSec < 60, `stopped at ${final.audioSec} s of audio`);
});
