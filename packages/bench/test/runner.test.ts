import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchDataError, BenchEngineError, InvalidOptionError } from '@cephalon/stt';
import { encodeWav16, expandConfigs, loadSpec, openResultsWriter, parseResults, readResults, runBench, validateSpec, type BenchEvent, type Engine, type EngineDefinition } from '../src/index.js';
import { writeFakeDataset } from './helpers/fake-dataset.js';

/** A command engine whose template uses every param the tests set (params must be placeholders of the template). */
const ENGINE = { kind: 'command', name: 'e', command: ['x', '{audio}', '{a}', '{language}', '{beamSize}', '{fallback}'] };

test('validateSpec resolves paths against the spec folder and rejects bad specs with the field named', () => {
  const spec = validateSpec({ engines: [{ ...ENGINE, grid: { a: [1, 2] } }], datasets: [{ manifest: 'm.jsonl' }], results: 'out/r.jsonl' }, '/specs');
  assert.deepEqual(spec.datasets, [{ manifest: '/specs/m.jsonl' }]);
  assert.equal(spec.results, '/specs/out/r.jsonl');
  assert.equal(spec.workers, 1);
  assert.throws(() => validateSpec({ engines: [], datasets: [{ manifest: 'm' }] }, '/'), (e: unknown) => e instanceof InvalidOptionError && /engines/.test(e.message));
  assert.throws(() => validateSpec({ engines: [{ kind: 'magic', name: 'm' }], datasets: [{ manifest: 'm' }] }, '/'), /unknown kind 'magic'/);
  assert.throws(() => validateSpec({ engines: [{ ...ENGINE, grid: { a: [] } }], datasets: [{ manifest: 'm' }] }, '/'), /grid\.a: must be a non-empty list/);
  assert.throws(() => validateSpec({ engines: [ENGINE, ENGINE], datasets: [{ manifest: 'm' }] }, '/'), /two engines are named 'e'/);
  assert.throws(() => validateSpec({ engines: [ENGINE], datasets: [{ manifest: 'm' }], workers: 0 }, '/'), /workers/);
});

test('expandConfigs: cartesian product over the grid, base params underneath, stable ids', () => {
  const spec = validateSpec({ engines: [{ ...ENGINE, params: { language: 'en', beamSize: 9 }, grid: { beamSize: [1, 2, 5], fallback: [true, false] } }], datasets: [{ manifest: 'm' }] }, '/');
  const configs = expandConfigs(spec.engines[0] as (typeof spec.engines)[number]);
  assert.equal(configs.length, 6);
  assert.deepEqual(configs.map((c) => c.label), ['e beamSize=1 fallback=true', 'e beamSize=1 fallback=false', 'e beamSize=2 fallback=true', 'e beamSize=2 fallback=false', 'e beamSize=5 fallback=true', 'e beamSize=5 fallback=false']);
  assert.deepEqual(configs[3]?.params, { language: 'en', beamSize: 2, fallback: false });
  assert.equal(configs[3]?.id, 'e{"beamSize":2,"fallback":false,"language":"en"}');
  assert.deepEqual(configs[0]?.swept, ['beamSize', 'fallback']);
});

test('YAML and JSON specs load the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-spec-'));
  try {
    writeFileSync(join(dir, 's.yaml'), 'engines:\n  - kind: command\n    name: e\n    command: [x, "{audio}", "{a}", "{language}", "{beamSize}", "{fallback}"]\ndatasets:\n  - manifest: m.jsonl\n');
    writeFileSync(join(dir, 's.json'), JSON.stringify({ engines: [ENGINE], datasets: [{ manifest: 'm.jsonl' }] }));
    assert.deepEqual(await loadSpec(join(dir, 's.yaml')), await loadSpec(join(dir, 's.json')));
    writeFileSync(join(dir, 'bad.yaml'), 'engines: [\n');
    await assert.rejects(loadSpec(join(dir, 'bad.yaml')), /not valid YAML/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('results file: a torn last line is ignored and cut before appending; a bad middle line is an error', () => {
  const good = '{"type":"run","spec":"s","startedAt":"t","node":"v","platform":"p","cpu":"c","cpus":1}';
  assert.deepEqual(parseResults(`${good}\n{"type":"res`, 'r').tornTail, true);
  assert.throws(() => parseResults(`${good}\n{"type":"res\n${good}\n`, 'r.jsonl'), (e: unknown) => e instanceof BenchDataError && /r\.jsonl:2/.test(e.message));
  const dir = mkdtempSync(join(tmpdir(), 'bench-rf-'));
  try {
    const path = join(dir, 'r.jsonl');
    writeFileSync(path, `${good}\n{"type":"resu`);
    const w = openResultsWriter(path);
    w.append(JSON.parse(good) as Parameters<typeof w.append>[0]);
    w.close();
    assert.equal(readFileSync(path, 'utf8'), `${good}\n${good}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** An in-process engine that upper-cases the "audio" file's text, counting calls; fails on files named u003. */
function countingFactory(calls: string[]): (def: EngineDefinition) => Promise<Engine> {
  return (def) => Promise.resolve({
    name: def.name, kind: 'test', threads: 1, device: 'cpu',
    capabilities: { inProcess: true, segments: false, tokens: true, confidences: true, peakMemory: false, concurrent: true },
    transcribe: (audio, params) => {
      calls.push(`${String(params['p'])}:${audio.slice(-8)}`);
      if (audio.endsWith('u003.txt')) return Promise.reject(new BenchEngineError('boom', 'engine failed on u003'));
      const text = readFileSync(audio, 'utf8');
      return Promise.resolve({ text: text.toUpperCase(), tokens: text.split(' ').length, confidences: [0.5, 0.9] });
    },
    close: () => Promise.resolve(),
  });
}

test('runBench: warm-up per configuration, two workers, per-utterance errors recorded, resume skips finished keys', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  try {
    const manifest = writeFakeDataset(dir, 6);
    const spec = validateSpec({ engines: [{ kind: 'command', name: 'mem', command: ['x', '{audio}', '{p}'], grid: { p: [1, 2] } }], datasets: [{ name: 'd', manifest }], warmup: 1, workers: 2 }, dir);
    const calls: string[] = [];
    const events: BenchEvent[] = [];
    const results = join(dir, 'r.jsonl');
    const r = await runBench(spec, { resultsPath: results, createEngine: countingFactory(calls), onEvent: (e) => events.push(e) });
    assert.equal(r.ran, 12);
    assert.equal(r.results.length, 12);
    const warmups = events.filter((e) => e.type === 'warmup');
    assert.ok(warmups.length >= 2 && warmups.length <= 4, 'each worker warms each configuration it meets once');
    assert.equal(calls.length, 12 + warmups.length);
    const failed = r.results.filter((x) => x.error !== undefined);
    assert.deepEqual(failed.map((x) => [x.utteranceId, x.error?.code, x.hypothesis]), [['u003', 'boom', ''], ['u003', 'boom', '']]);
    const ok = r.results.find((x) => x.utteranceId === 'u000' && x.params['p'] === 1);
    assert.equal(ok?.hypothesis, ok?.reference.toUpperCase());
    assert.equal(ok?.tokens, ok?.reference.split(' ').length);
    assert.deepEqual(ok?.confidences, [0.5, 0.9]);
    const loads = readResults(results).engineLoads;
    assert.equal(loads.length, events.filter((e) => e.type === 'engine-ready').length);
    assert.ok(loads.length >= 1 && loads.every((l) => l.engine === 'mem' && l.loadSec >= 0));
    const again = await runBench(spec, { resultsPath: results, createEngine: countingFactory(calls), onEvent: (e) => events.push(e) });
    assert.equal(again.ran, 0);
    assert.equal(again.skipped, 12);
    assert.equal(calls.length, 12 + warmups.length, 'nothing transcribed again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runBench cuts a NeMo offset/duration span out with sox before the engine sees it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-offset-'));
  try {
    writeFileSync(join(dir, 'long.wav'), encodeWav16(new Float32Array(16000 * 3).fill(0.1), 16000));
    writeFileSync(join(dir, 'm.jsonl'), `${JSON.stringify({ audio_filepath: 'long.wav', offset: 0.5, duration: 1.25, text: 'x' })}\n`);
    // soxi -D prints the duration of the file it is given: the engine must see 1.25 s, not the 3 s file.
    const spec = validateSpec({ engines: [{ kind: 'command', name: 'soxi', command: ['soxi', '-D', '{audio}'] }], datasets: [{ manifest: 'm.jsonl' }] }, dir);
    const r = await runBench(spec, { resultsPath: join(dir, 'r.jsonl') });
    assert.equal(r.results[0]?.utteranceId, 'long@0.5');
    assert.equal(Number(r.results[0]?.hypothesis), 1.25);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
