/**
 * CLI regression tests for careless or hostile input found by fuzzing, and for other tools' spellings: each ends
 * in one typed error line naming the file or option (never "unexpected error"), and nothing half-written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { fitFileName, uniqueBasenames } from '../src/write-outputs.js';
import { captureIo } from './capture-io.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random', import.meta.url));
const JFK_WAV = join(MODEL_DIR, 'audio', 'jfk.wav');
const BIN = fileURLToPath(new URL('../bin/cephalon.js', import.meta.url));
const FAST = ['--model', MODEL_DIR, '--language', 'en', '--temperature-increment-on-fallback', 'none', '--sample-len', '8'];
const NO_UNTYPED = /unexpected error/;

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-hard-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('--output-dir that is a file, below a file, or under /proc: usage error before any model is loaded', () =>
  inTemp(async (dir) => {
    await writeFile(join(dir, 'file'), 'x');
    const cases: [string, RegExp][] = [
      ['file', /output folder .*file is a file, not a folder/],
      ['file/sub/deeper', /output folder .*file\/sub\/deeper is below .*file, which is a file/],
      ['/proc/cephalon-x', /output folder \/proc\/cephalon-x cannot be created/],
    ];
    for (const [out, message] of cases) {
      const c = captureIo({ HF_HUB_OFFLINE: '1', HF_HUB_CACHE: dir }, dir);
      const t0 = performance.now();
      assert.equal(await main(['transcribe', JFK_WAV, '-m', 'no-such-model', '-o', out], c.io), EXIT.usage, c.stderr());
      assert.ok(performance.now() - t0 < 5000, `${out}: no spinning`);
      assert.match(c.stderr(), message);
      assert.doesNotMatch(c.stderr(), NO_UNTYPED);
    }
  }));

test('long input names get a short temporary name and a cut output name; equal base names never overwrite', () =>
  inTemp(async (dir) => {
    const long = `${'ž'.repeat(120)}.wav`; // 240 bytes: the old `<name>.json.partial-<pid>` exceeded NAME_MAX
    await copyFile(JFK_WAV, join(dir, long));
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, dir);
    assert.equal(await main(['transcribe', long, ...FAST, '-f', 'json', '-o', 'out'], c.io), EXIT.ok, c.stderr());
    const files = await readdir(join(dir, 'out'));
    assert.equal(files.length, 1);
    assert.ok(Buffer.byteLength(files[0] as string) <= 255 && (files[0] as string).endsWith('.json'));
    assert.equal(fitFileName('a'.repeat(300)).length, 250);
    assert.deepEqual(uniqueBasenames(['/x/a.wav', '/x/a.mp3', '/y/b.wav']), ['a.wav', 'a.mp3', 'b']);
    assert.deepEqual(uniqueBasenames(['/p/a/t.wav', '/q/a/t.wav']), ['a_t-1', 'a_t-2']);
  }));

test('in a multi-file run every error names its file; a bad blockAlign is an audio error (exit 3)', () =>
  inTemp(async (dir) => {
    const wav = Buffer.from(await import('node:fs/promises').then((fs) => fs.readFile(JFK_WAV)));
    wav.writeUInt16LE(40, 32); // blockAlign: 40-byte samples
    await writeFile(join(dir, 'wide.wav'), wav);
    await writeFile(join(dir, 'empty.wav'), '');
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, dir);
    assert.equal(await main(['transcribe', 'wide.wav', 'empty.wav', ...FAST, '-f', 'txt', '-o', 'out'], c.io), EXIT.inputError);
    const lines = c.stderr().split('\n').filter((l) => l.startsWith('cephalon:'));
    assert.equal(lines.length, 2, c.stderr());
    assert.match(lines[0] ?? '', /wide\.wav.*block align 40/);
    assert.match(lines[1] ?? '', /empty\.wav/);
    assert.deepEqual(await readdir(join(dir, 'out')), [], 'nothing half-written');
  }));

test('OpenAI and whisper.cpp spellings: aliases where identical, explained refusals, "did you mean" otherwise', async () => {
  const usage = async (args: string[], message: RegExp): Promise<void> => {
    const c = captureIo();
    assert.equal(await main(['transcribe', 'a.wav', ...args], c.io), EXIT.usage, args.join(' '));
    assert.match(c.stderr(), message);
    assert.equal(c.stderr().split('\n').length, 2, 'one line');
  };
  await usage(['--outptu-dir', 'x'], /unknown option '--outptu-dir' \(did you mean --output-dir\?/);
  await usage(['--beamsize', '5'], /did you mean --beam-size\?/);
  await usage(['-ml', '40'], /whisper\.cpp's maximum segment length.*--max-line-width/);
  await usage(['--fp16', 'maybe'], /--fp16 maybe: expects True or False/);
  await usage(['--zzzzzzzz'], /unknown option '--zzzzzzzz' \(see 'cephalon transcribe --help'\)/);
  // accepted spellings reach the same checks as the native ones: a missing file, not a usage error
  for (const args of [['--logprob_threshold', '-0.5'], ['--output_format', 'srt'], ['--verbose', 'False'], ['--fp16', 'False'], ['--word_timestamps', 'False'], ['--word_timestamps', 'True'], ['--hallucination_silence_threshold', '2', '--word_timestamps', 'True'], ['-otxt'], ['-bs', '5'], ['--highlight_words', 'True']]) {
    const c = captureIo();
    assert.equal(await main(['transcribe', 'missing.wav', ...args], c.io), EXIT.inputError, `${args.join(' ')}: ${c.stderr()}`);
  }
});

test('--beam-size with a first temperature above 0 warns once; --version prints the version', async () => {
  const c = captureIo();
  await main(['transcribe', 'missing.wav', '--beam-size', '5', '--temperature', '0.4'], c.io);
  const warnings = c.stderr().split('\n').filter((l) => l.includes('--beam-size 5 has no effect'));
  assert.equal(warnings.length, 1, c.stderr());
  const quiet = captureIo();
  await main(['transcribe', 'missing.wav', '--beam-size', '5'], quiet.io);
  assert.doesNotMatch(quiet.stderr(), /has no effect/);
  const v = captureIo();
  assert.equal(await main(['--version'], v.io), EXIT.ok);
  assert.match(v.stdout(), /^cephalon \d+\.\d+\.\d+ \(node v\d+/);
});

test('--device cuda on the CPU-only build: one line naming --device cpu and the CUDA install, no runtime log', () => {
  const r = spawnSync(process.execPath, [BIN, 'transcribe', JFK_WAV, ...FAST, '--device', 'cuda', '-o', '-', '-f', 'txt'], { encoding: 'utf8', env: { ...process.env, HF_HUB_OFFLINE: '1' } });
  assert.equal(r.status, EXIT.modelError, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^cephalon: --device cuda needs the CUDA build of onnxruntime-node.*--device cpu.*ONNXRUNTIME_NODE_INSTALL=cuda12/);
});

test('a named pipe given as input is refused at once', () =>
  inTemp(async (dir) => {
    spawnSync('mkfifo', [join(dir, 'p.wav')]);
    await mkdir(join(dir, 'o'));
    const c = captureIo({}, dir);
    assert.equal(await main(['transcribe', 'p.wav', '-m', MODEL_DIR], c.io), EXIT.inputError);
    assert.match(c.stderr(), /audio file p\.wav is not a regular file/);
  }));

test('a truncated WAV is transcribed with a warning on stderr and in the JSON', () =>
  inTemp(async (dir) => {
    const wav = await import('node:fs/promises').then((fs) => fs.readFile(JFK_WAV));
    await writeFile(join(dir, 'cut.wav'), wav.subarray(0, wav.length - 100_001));
    const c = captureIo({ HF_HUB_OFFLINE: '1' }, dir);
    assert.equal(await main(['transcribe', 'cut.wav', ...FAST, '-f', 'json', '-o', '-'], c.io), EXIT.ok, c.stderr());
    assert.match(c.stderr(), /cephalon: warning: cut\.wav: data chunk declares \d+ bytes but only \d+ are present/);
    const json = JSON.parse(c.stdout()) as { warnings?: { code: string }[] };
    assert.deepEqual(json.warnings?.map((w) => w.code), ['truncated-data', 'partial-frame']);
  }));

test('bench run: Ctrl-C keeps the finished results, exits 130, and the same command resumes', () =>
  inTemp(async (dir) => {
    await mkdir(join(dir, 'audio'));
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
      await writeFile(join(dir, 'audio', `u${i}.txt`), `word ${i}`);
      lines.push(JSON.stringify({ audio_filepath: `audio/u${i}.txt`, duration: 1, text: `word ${i}` }));
    }
    await writeFile(join(dir, 'm.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(join(dir, 'spec.json'), JSON.stringify({ engines: [{ kind: 'command', name: 'cat', command: ['cat', '{audio}'] }], datasets: [{ manifest: 'm.jsonl' }], results: 'r.jsonl' }));
    const controller = new AbortController();
    const c = captureIo({}, dir);
    const stderr = c.io.stderr;
    const io = { ...c.io, interrupt: controller.signal, stderr: Object.assign(Object.create(stderr) as NodeJS.WritableStream, {
      write: (chunk: string) => {
        if (chunk.startsWith('[2/6]')) controller.abort();
        return stderr.write(chunk);
      },
    }) };
    assert.equal(await main(['bench', 'run', 'spec.json'], io), EXIT.interrupted, c.stderr());
    assert.match(c.stderr(), /bench run interrupted: [2-6] results kept in .*r\.jsonl; run the same command again to resume/);
    const again = captureIo({}, dir);
    assert.equal(await main(['bench', 'run', 'spec.json'], again.io), EXIT.ok, again.stderr());
    assert.match(again.stderr(), /bench: 6 items, [2-5] already done/);
  }));
