/**
 * The transcribe command as people coming from OpenAI's CLI and whisper.cpp use it: streamed --verbose lines and
 * the detected language, Ctrl-C writing a partial transcript (exit 130), stdin input, `-o -`, `-f` lists, inputs
 * sharing a base name, segment ends inside the audio. Runs on the shared random-weight model (gibberish text:
 * these tests check mechanisms, not words).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../src/command.js';
import type { CommandIo } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK_WAV = join(MODEL_DIR, 'audio', 'jfk.wav');
const LONG_WAV = join(MODEL_DIR, 'audio', 'long.wav');
const BIN = fileURLToPath(new URL('../bin/cephalon.js', import.meta.url));
/** One decode per window, few tokens per window: keeps each run to seconds. */
const FAST = ['--model', MODEL_DIR, '--temperature-increment-on-fallback', 'none', '--sample-len', '24'];

test('--verbose streams segments with the detected language; -o - writes one format to stdout; ends stay inside the audio', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-ux-'));
  try {
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, dir);
    const code = await main(['transcribe', JFK_WAV, ...FAST, '--verbose', 'True', '--output_format', 'json', '-o', '-'], c.io);
    assert.equal(code, EXIT.ok, c.stderr());
    const json = JSON.parse(c.stdout()) as { duration: number; segments: { start: number; end: number; text: string }[] };
    assert.ok(json.segments.length > 0);
    for (const s of json.segments) assert.ok(s.end <= json.duration && s.start <= json.duration, `segment ${s.start}-${s.end} past ${json.duration}`);
    // with stdout taken by the output, the verbose lines go to stderr, in decoding order, before the final bar line
    const err = c.stderr();
    assert.match(err, /^Detected language: [A-Z][a-z]+ \(\d\.\d\d\)$/m);
    const lines = err.split('\n').filter((l) => l.startsWith('['));
    assert.equal(lines.length, json.segments.length);
    assert.ok(lines[0]?.endsWith(json.segments[0]?.text ?? '?'), lines[0]);
    assert.ok(err.lastIndexOf('[') < err.indexOf('11.0/11.0 s (100%)'), 'segments are printed while decoding, not after');
    assert.match(err, /11\.0\/11\.0 s \(100%\) \d+\.\d\d s\/s ETA 0:00/);
    assert.deepEqual(await readdir(dir), [], '-o - writes no files');

    const bad = captureIo({}, dir);
    assert.equal(await main(['transcribe', JFK_WAV, '-o', '-', '-f', 'srt,vtt'], bad.io), EXIT.usage);
    assert.match(bad.stderr(), /-o - writes one format to stdout, but 2 are chosen \(srt, vtt\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('stdin input, -f lists (comma and repeated), whisper.cpp -otxt, and two inputs sharing a base name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-ux-'));
  try {
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    await copyFile(JFK_WAV, join(dir, 'a', 'talk.wav'));
    await copyFile(JFK_WAV, join(dir, 'b', 'talk.wav'));
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, dir);
    const stdin = new PassThrough();
    stdin.end(await readFile(JFK_WAV));
    const io: CommandIo = { ...c.io, stdin };
    const code = await main(['transcribe', 'a/talk.wav', 'b/talk.wav', '-', ...FAST, '--language', 'en', '-f', 'srt,vtt', '-f', 'json', '-otxt', '-o', 'out'], io);
    assert.equal(code, EXIT.ok, c.stderr());
    const files = (await readdir(join(dir, 'out'))).sort();
    const expected = ['a_talk', 'b_talk', 'stdin'].flatMap((n) => ['json', 'srt', 'txt', 'vtt'].map((f) => `${n}.${f}`)).sort();
    assert.deepEqual(files, expected);
    assert.match(c.stderr(), /a\/talk\.wav shares its base name with another input; its outputs are named a_talk\.\*/);
    // same audio through a file and through stdin: the same transcript
    assert.equal(await readFile(join(dir, 'out', 'stdin.srt'), 'utf8'), await readFile(join(dir, 'out', 'a_talk.srt'), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** A stderr that aborts `controller` at the first progress line: Ctrl-C after the first window. */
class AbortOnProgress extends Writable {
  text = '';
  constructor(private readonly controller: AbortController) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    if (/\(\d+%\)/.test(this.text)) this.controller.abort();
    done();
  }
}

test('Ctrl-C writes the partial transcript (JSON "partial": true), says so on stderr and exits 130', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-ux-'));
  try {
    const controller = new AbortController();
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, dir);
    const stderr = new AbortOnProgress(controller);
    const io: CommandIo = { ...c.io, stderr, interrupt: controller.signal };
    const code = await main(['transcribe', LONG_WAV, JFK_WAV, ...FAST, '--language', 'en', '-f', 'json', '-o', 'out'], io);
    assert.equal(code, EXIT.interrupted, stderr.text);
    const json = JSON.parse(await readFile(join(dir, 'out', 'long.json'), 'utf8')) as { partial?: boolean; duration: number; segments: { end: number }[] };
    assert.equal(json.partial, true);
    assert.ok(json.segments.length > 0, 'what was decoded is kept');
    assert.ok((json.segments.at(-1)?.end ?? 0) < json.duration / 2, 'stopped early');
    assert.match(stderr.text, /long\.wav: interrupted: the output is partial/);
    assert.deepEqual(await readdir(join(dir, 'out')), ['long.json'], 'the next file is not started');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

function runCli(args: readonly string[], cwd: string): { child: ReturnType<typeof spawn>; exit: Promise<{ code: number | null; stderr: string; ms: number }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, HF_HUB_OFFLINE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const t0 = Date.now();
  const exit = new Promise<{ code: number | null; stderr: string; ms: number }>((resolve) => child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - t0 })));
  return { child, exit };
}

test('real SIGINT: the first stops cleanly with exit 130; a second one quits at once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-ux-'));
  try {
    const args = ['transcribe', LONG_WAV, ...FAST, '--language', 'en', '-f', 'json', '-o', 'out'];
    const once = runCli(args, dir);
    let sent = false;
    once.child.stderr?.on('data', (d: Buffer) => {
      if (!sent && /\(\d+%\)/.test(d.toString())) {
        sent = true;
        once.child.kill('SIGINT');
      }
    });
    const r1 = await once.exit;
    assert.equal(r1.code, EXIT.interrupted, r1.stderr);
    assert.match(r1.stderr, /interrupted: finishing the current window/);
    assert.equal((JSON.parse(await readFile(join(dir, 'out', 'long.json'), 'utf8')) as { partial?: boolean }).partial, true);

    const twice = runCli(args, dir);
    let sentTwice = false;
    twice.child.stderr?.on('data', (d: Buffer) => {
      if (!sentTwice && /\(\d+%\)/.test(d.toString())) {
        sentTwice = true;
        twice.child.kill('SIGINT');
        setTimeout(() => twice.child.kill('SIGINT'), 20);
      }
    });
    const r2 = await twice.exit;
    assert.equal(r2.code, EXIT.interrupted, r2.stderr);
    assert.match(r2.stderr, /interrupted again, quitting/);
    assert.doesNotMatch(r2.stderr, /wrote /, 'the second Ctrl-C does not wait for the window');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
