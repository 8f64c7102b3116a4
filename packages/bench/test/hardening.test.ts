/**
 * Regression tests for bench defects a fuzzing run found: dataset result keys colliding, a complete last results
 * line lost on resume, named pipes hanging a run, grids expanded until out of memory, unvalidated params, option
 * injection into espeak-ng, a results path that is a folder, credentials in an openai-http baseUrl.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchDataError, BenchEngineError, InvalidOptionError } from '@cephalon/stt';
import { createOpenAiHttpEngine, openResultsWriter, readResults, runBench, synthesizeDataset, validateSpec, type Engine, type EngineDefinition } from '../src/index.js';
import { writeFakeDataset } from './helpers/fake-dataset.js';

/** An engine that reads the "audio" file (its reference text) back. */
function echoFactory(): (def: EngineDefinition) => Promise<Engine> {
  return (def) => Promise.resolve({
    name: def.name, kind: 'test',
    capabilities: { inProcess: true, segments: false, tokens: false, confidences: false, peakMemory: false, concurrent: true },
    transcribe: (audio) => Promise.resolve({ text: readFileSync(audio, 'utf8') }),
    close: () => Promise.resolve(),
  });
}

function withDir(fn: (dir: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-hard-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const ECHO = { kind: 'command', name: 'e', command: ['cat', '{audio}'] };

test('two manifest.jsonl datasets get distinct, path-derived names and keys; equal explicit names are refused', withDir(async (dir) => {
  writeFakeDataset(join(dir, 'a'), 2);
  writeFakeDataset(join(dir, 'b'), 3);
  const spec = validateSpec({ engines: [ECHO], datasets: [{ manifest: 'a/manifest.jsonl' }, { manifest: 'b/manifest.jsonl' }] }, dir);
  const results = join(dir, 'r.jsonl');
  const first = await runBench(spec, { resultsPath: results, createEngine: echoFactory() });
  assert.equal(first.ran, 5);
  assert.deepEqual([...new Set(first.results.map((r) => r.dataset))].sort(), ['a/manifest.jsonl', 'b/manifest.jsonl']);
  assert.equal(new Set(first.results.map((r) => r.key)).size, 5);
  const same = validateSpec({ engines: [ECHO], datasets: [{ name: 'x', manifest: 'a/manifest.jsonl' }, { name: 'x', manifest: 'b/manifest.jsonl' }] }, dir);
  await assert.rejects(runBench(same, { resultsPath: join(dir, 'r2.jsonl'), createEngine: echoFactory() }), (e: unknown) => e instanceof InvalidOptionError && /datasets\[1\]: the name 'x' is also used by/.test(e.message));
}));

test('a complete last results line without its newline is kept (and counted done) on resume', withDir(async (dir) => {
  writeFakeDataset(dir, 2);
  const spec = validateSpec({ engines: [ECHO], datasets: [{ name: 'd', manifest: 'manifest.jsonl' }] }, dir);
  const results = join(dir, 'r.jsonl');
  await runBench(spec, { resultsPath: results, createEngine: echoFactory() });
  const text = readFileSync(results, 'utf8');
  writeFileSync(results, text.replace(/\n$/, '')); // as if an editor or another tool dropped the final newline
  const again = await runBench(spec, { resultsPath: results, createEngine: echoFactory() });
  assert.equal(again.ran, 0);
  assert.equal(readResults(results).results.length, 2, 'no complete record was deleted');
  const w = openResultsWriter(results);
  w.close();
  assert.ok(readFileSync(results, 'utf8').endsWith('}\n'));
}));

test('named pipes (manifest, audio) and a results path that is a folder are typed errors, not hangs', withDir(async (dir) => {
  execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
  const pipeSpec = validateSpec({ engines: [ECHO], datasets: [{ manifest: 'pipe.jsonl' }] }, dir);
  await assert.rejects(runBench(pipeSpec, { resultsPath: join(dir, 'r.jsonl') }), (e: unknown) => e instanceof BenchDataError && /pipe\.jsonl is a named pipe/.test(e.message));
  mkdirSync(join(dir, 'd'));
  execFileSync('mkfifo', [join(dir, 'd', 'a.wav')]);
  writeFileSync(join(dir, 'd', 'm.jsonl'), `${JSON.stringify({ audio_filepath: 'a.wav', duration: 1, text: 'x' })}\n`);
  const audioSpec = validateSpec({ engines: [ECHO], datasets: [{ manifest: 'd/m.jsonl' }] }, dir);
  await assert.rejects(runBench(audioSpec, { resultsPath: join(dir, 'r.jsonl') }), (e: unknown) => e instanceof BenchDataError && /a\.wav is a named pipe/.test(e.message));
  writeFakeDataset(join(dir, 'ok'), 1);
  const okSpec = validateSpec({ engines: [ECHO], datasets: [{ manifest: 'ok/manifest.jsonl' }] }, dir);
  await assert.rejects(runBench(okSpec, { resultsPath: join(dir, 'd'), createEngine: echoFactory() }), (e: unknown) => e instanceof BenchDataError && /results file .*d is a folder/.test(e.message));
}));

test('an absurd grid is refused with its size, without expanding it', () => {
  const grid = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, Array.from({ length: 10 }, (_x, j) => j)]));
  const command = ['x', '{audio}', ...Object.keys(grid).map((k) => `{${k}}`)];
  const t0 = performance.now();
  assert.throws(() => validateSpec({ engines: [{ kind: 'command', name: 'g', command, grid }], datasets: [{ manifest: 'm' }] }, '/'), (e: unknown) => e instanceof InvalidOptionError && /asks for 100000000 configurations/.test(e.message));
  assert.ok(performance.now() - t0 < 1000, 'refused before any expansion');
});

test('engine params are checked against the engine schema before anything runs', () => {
  const cephalon = { kind: 'cephalon', name: 'c', model: '/nowhere' };
  const fails = (engine: object, field: RegExp, hint?: RegExp): void => {
    assert.throws(() => validateSpec({ engines: [engine], datasets: [{ manifest: 'm' }] }, '/'), (e: unknown) => {
      assert.ok(e instanceof InvalidOptionError, String(e));
      assert.match(e.message, field);
      if (hint !== undefined) assert.match(e.hint ?? '', hint);
      return true;
    });
  };
  fails({ ...cephalon, params: { beamsize: 5 } }, /engines\[0\]\.params\.beamsize: not an option of the cephalon engine/, /did you mean beamSize/);
  fails({ ...cephalon, grid: { beamSize: [1, 'five'] } }, /engines\[0\]\.grid\.beamSize\[1\]: param beamSize: "five" is not a number/);
  fails({ ...cephalon, params: { temperature: -1 } }, /engines\[0\]\.params: option temperature/);
  fails({ kind: 'command', name: 'x', command: ['x', '{audio}', '{model}'], params: { modle: 'a' } }, /params\.modle: not a placeholder/);
  assert.doesNotThrow(() => validateSpec({ engines: [{ ...cephalon, params: { language: 'en' }, grid: { beamSize: [1, 5], fallback: [true, false] } }], datasets: [{ manifest: 'm' }] }, '/'));
});

test('bench synth: script lines starting with "-" are spoken, never read as espeak-ng options', { skip: spawnSync('espeak-ng', ['--version']).status !== 0 && 'espeak-ng missing' }, withDir(async (dir) => {
  await assert.rejects(
    synthesizeDataset({ scripts: ['hello', '-f/etc/hostname'], outDir: dir, ttsCommand: ['espeak-ng', '-w', '{out}', '{text}'] }),
    (e: unknown) => e instanceof InvalidOptionError && /script line 2 starts with '-'/.test(e.message) && /put '--' before \{text\}/.test(e.hint ?? ''),
  );
  const ds = await synthesizeDataset({ scripts: ['-5 degrees'], outDir: dir });
  const u = ds.utterances[0];
  assert.equal(u?.reference, '-5 degrees');
  // "minus five degrees" takes about a second and a half; a misread option aborts or speaks something else entirely
  assert.ok((u?.durationSec ?? 0) > 0.8 && (u?.durationSec ?? 0) < 3, `duration ${u?.durationSec}`);
}));

test('openai-http: credentials in baseUrl go into an Authorization header and never into messages', async () => {
  let authorization: string | undefined;
  const server = createServer((req, res) => {
    authorization = req.headers.authorization;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":" ok "}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  try {
    const audio = join(dir, 'a.wav');
    writeFileSync(audio, 'x');
    const engine = createOpenAiHttpEngine({ name: 'h', baseUrl: `http://user:s3cret@127.0.0.1:${port}/` });
    assert.equal((await engine.transcribe(audio, {})).text, 'ok');
    assert.equal(authorization, `Basic ${Buffer.from('user:s3cret').toString('base64')}`);
    server.close();
    const down = createOpenAiHttpEngine({ name: 'h', baseUrl: `http://user:s3cret@127.0.0.1:${port}` });
    await assert.rejects(down.transcribe(audio, {}), (e: unknown) => e instanceof BenchEngineError && !e.message.includes('s3cret') && e.message.includes(`127.0.0.1:${port}`));
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
