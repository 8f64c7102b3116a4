/**
 * `cephalon models` against a temporary Hugging Face cache and the stt package's local fake Hub:
 * pull (with progress) -> list -> path -> rm, all through `main(argv, io)` with HF_* in the io env.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { FakeHub } from '../../stt/src/runtime/hub/test/fake-hub.js';
import { TINY_EN_REPO, testRepos } from '../../stt/src/runtime/hub/test/fixtures.js';
import { captureIo } from './capture-io.js';

test('models pull, list, path and rm against a temp cache', async () => {
  const cache = await mkdtemp(join(tmpdir(), 'cephalon-models-'));
  const hub = await FakeHub.start(testRepos(false));
  try {
    const env = { HF_HUB_CACHE: cache, HF_ENDPOINT: hub.endpoint, CEPHALON_HUB_RETRIES: '0' };
    const empty = captureIo(env);
    assert.equal(await main(['models', 'list'], empty.io), EXIT.ok);
    assert.equal(empty.stdout(), '');
    assert.match(empty.stderr(), /no models in the cache/);

    const missing = captureIo(env);
    assert.equal(await main(['models', 'path', 'tiny.en'], missing.io), EXIT.modelError);
    assert.match(missing.stderr(), /^cephalon: onnx-community\/whisper-tiny\.en@main is not in the cache .* \(Download it first: cephalon models pull tiny\.en\)\n$/);

    const pull = captureIo(env);
    assert.equal(await main(['models', 'pull', 'tiny.en'], pull.io), EXIT.ok, pull.stderr());
    const snapshot = join(cache, 'models--onnx-community--whisper-tiny.en', 'snapshots', hub.commitOf(TINY_EN_REPO));
    assert.equal(pull.stdout(), `${snapshot}\n`);
    assert.match(pull.stderr(), /^downloading onnx-community\/whisper-tiny\.en: .* \(100%\)$/m);
    assert.match(pull.stderr(), /^pulled onnx-community\/whisper-tiny\.en@/m);
    JSON.parse(await readFile(join(snapshot, 'config.json'), 'utf8'));

    const list = captureIo(env);
    assert.equal(await main(['models', 'list'], list.io), EXIT.ok);
    assert.match(list.stdout(), /^onnx-community\/whisper-tiny\.en \(tiny\.en\) {2}\S+ \S+ {2}dtypes: fp32\n$/);
    const json = captureIo(env);
    assert.equal(await main(['models', 'list', '--json'], json.io), EXIT.ok);
    const listed = JSON.parse(json.stdout()) as { id: string; snapshots: { dir: string }[] }[];
    assert.deepEqual(listed.map((m) => [m.id, m.snapshots[0]?.dir]), [[TINY_EN_REPO, snapshot]]);

    const path = captureIo({ ...env, HF_ENDPOINT: 'http://127.0.0.1:9' });
    assert.equal(await main(['models', 'path', 'tiny.en'], path.io), EXIT.ok);
    assert.equal(path.stdout(), `${snapshot}\n`);

    const removed = captureIo(env);
    assert.equal(await main(['models', 'rm', 'tiny.en'], removed.io), EXIT.ok);
    assert.match(removed.stdout(), /^removed onnx-community\/whisper-tiny\.en \(\S+ \S+ freed\)\n$/);
    const again = captureIo(env);
    assert.equal(await main(['models', 'rm', 'tiny.en'], again.io), EXIT.modelError);
    assert.match(again.stderr(), /is not in the cache/);
  } finally {
    await hub.close();
    await rm(cache, { recursive: true, force: true });
  }
});

test('models path of a local folder prints it; wrong arity is a usage error', async () => {
  const c = captureIo();
  const folder = new URL('../../../../shared/models/whisper-dev-random', import.meta.url).pathname;
  assert.equal(await main(['models', 'path', folder], c.io), EXIT.ok);
  assert.equal(c.stdout(), `${folder}\n`);
  const d = captureIo();
  assert.equal(await main(['models', 'path'], d.io), EXIT.usage);
  assert.match(d.stderr(), /expected one model, got 0/);
});

test('models pull: Ctrl-C stops the download (exit 130), and the same command resumes it', async () => {
  const cache = await mkdtemp(join(tmpdir(), 'cephalon-models-'));
  const hub = await FakeHub.start(testRepos(false));
  try {
    const env = { HF_HUB_CACHE: cache, HF_ENDPOINT: hub.endpoint, CEPHALON_HUB_RETRIES: '0' };
    hub.stallAfter.set('onnx/encoder_model_quantized.onnx', 50_000);
    const controller = new AbortController();
    const c = captureIo(env);
    const stderr = c.io.stderr;
    const io = { ...c.io, interrupt: controller.signal, stderr: Object.assign(Object.create(stderr) as NodeJS.WritableStream, {
      write: (chunk: string) => {
        if (/\(\d+%\)/.test(chunk)) controller.abort(); // the first progress line: the download is under way
        return stderr.write(chunk);
      },
    }) };
    assert.equal(await main(['models', 'pull', TINY_EN_REPO, '--dtype', 'q8'], io), EXIT.interrupted, c.stderr());
    assert.match(c.stderr(), /download of .* interrupted; run the same command again to resume/);
    hub.requests.length = 0;
    const again = captureIo(env);
    assert.equal(await main(['models', 'pull', TINY_EN_REPO, '--dtype', 'q8'], again.io), EXIT.ok, again.stderr());
    assert.ok(hub.requests.some((q) => q.range !== undefined && /^bytes=[1-9]\d*-$/.test(q.range)), 'resumed with a Range request');
  } finally {
    await hub.close();
    await rm(cache, { recursive: true, force: true });
  }
});
