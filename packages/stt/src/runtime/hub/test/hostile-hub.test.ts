/**
 * A hostile or broken Hub server must not make the client write outside the cache, hold unbounded responses in
 * memory, write past a file's declared size, or wait forever; a bad revision or HF_ENDPOINT is a typed error; a
 * pull can be cancelled and resumes later.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DownloadError, InvalidOptionError } from '../../../core/errors.js';
import { hubSettings } from '../hub-settings.js';
import { pullModel } from '../index.js';
import type { DownloadProgress, PullOptions } from '../index.js';
import { FakeHub } from './fake-hub.js';
import { VARIANTS_REPO, tempCache, testRepos } from './fixtures.js';

let hub: FakeHub;
before(async () => {
  hub = await FakeHub.start(testRepos(false));
});
after(async () => {
  await hub.close();
});

const ENCODER_Q8 = 'onnx/encoder_model_quantized.onnx';

function opts(cacheDir: string, extra: PullOptions = {}): PullOptions {
  return { endpoint: hub.endpoint, cacheDir, env: {}, retryBaseMs: 1, dtype: 'q8', ...extra };
}

test('revisions with .., backslashes or empty parts and a non-URL HF_ENDPOINT are refused before any request', async () => {
  for (const revision of ['../../../tmp/x', 'main/../../x', 'a\\..\\b', '/etc', 'a//b', 'C:x', '']) {
    assert.throws(() => hubSettings({ revision, env: {} }), (e: unknown) => e instanceof InvalidOptionError && e.details?.['option'] === 'revision', revision);
  }
  for (const ok of ['main', 'v1.0', 'refs/pr/1', 'a'.repeat(40)]) assert.equal(hubSettings({ revision: ok, env: {} }).revision, ok);
  for (const endpoint of ['not a url', 'ftp://example.com', 'huggingface.co']) {
    assert.throws(() => hubSettings({ env: { HF_ENDPOINT: endpoint } }), (e: unknown) => e instanceof InvalidOptionError && /HF_ENDPOINT/.test(e.message), endpoint);
  }
});

test('server-supplied file names that climb out of the cache are refused', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    for (const name of ['../../escape.onnx', 'onnx/..\\..\\x.onnx', '/abs.onnx', 'onnx//x.onnx']) {
      hub.extraSiblings.splice(0, hub.extraSiblings.length, name);
      await assert.rejects(pullModel(VARIANTS_REPO, opts(dir)), (e: unknown) => e instanceof DownloadError && /unsafe file name/.test(e.message), name);
    }
    assert.deepEqual(await readdir(dirname(dir)).then((l) => l.filter((f) => f === 'escape.onnx')), []);
  } finally {
    hub.extraSiblings.length = 0;
    await cleanup();
  }
});

test('a file list larger than the metadata cap is refused without holding it', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.fileListPaddingBytes = 20 * 1024 * 1024;
    const before = process.memoryUsage().rss;
    await assert.rejects(pullModel(VARIANTS_REPO, opts(dir, { retries: 0 })), (e: unknown) => e instanceof DownloadError && /more than 16777216 bytes of metadata/.test(e.message));
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
  } finally {
    hub.fileListPaddingBytes = 0;
    await cleanup();
  }
});

test('a file declared smaller than it is: writing stops at the declared size, and the check fails', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.declaredSize.set(ENCODER_Q8, 100);
    const seen: DownloadProgress[] = [];
    await assert.rejects(pullModel(VARIANTS_REPO, opts(dir, { retries: 0, onProgress: (p) => seen.push(p) })), (e: unknown) => e instanceof DownloadError);
    const encoderBytes = seen.filter((p) => p.file === ENCODER_Q8).map((p) => p.fileBytes);
    assert.ok(encoderBytes.length > 0 && Math.max(...encoderBytes) <= 100, `wrote ${Math.max(...encoderBytes)} bytes`);
  } finally {
    hub.declaredSize.clear();
    await cleanup();
  }
});

test('a server trickling bytes is cut by the low-speed limit instead of holding the download forever', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.trickle.add(ENCODER_Q8);
    const t0 = performance.now();
    await assert.rejects(
      pullModel(VARIANTS_REPO, opts(dir, { retries: 1, lowSpeedBytesPerSec: 1000, lowSpeedWindowMs: 300 })),
      (e: unknown) => e instanceof DownloadError && e.code === 'DOWNLOAD_INTERRUPTED',
    );
    assert.ok(performance.now() - t0 < 10_000);
  } finally {
    hub.trickle.clear();
    await cleanup();
  }
});

test('an aborted pull stops, keeps its partial file, and the next pull resumes it', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.stallAfter.set(ENCODER_Q8, 50_000);
    const controller = new AbortController();
    const pulling = pullModel(VARIANTS_REPO, opts(dir, { signal: controller.signal, onProgress: (p) => { if (p.file === ENCODER_Q8 && p.fileBytes >= 50_000) controller.abort(); } }));
    await assert.rejects(pulling, (e: unknown) => (e as Error).name === 'AbortError');
    const blobs = join(dir, `models--${VARIANTS_REPO.replace('/', '--')}`, 'blobs');
    const partial = (await readdir(blobs)).filter((f) => f.endsWith('.incomplete'));
    assert.equal(partial.length, 1);
    assert.equal((await stat(join(blobs, partial[0] as string))).size, 50_000);
    hub.requests.length = 0;
    const r = await pullModel(VARIANTS_REPO, opts(dir));
    assert.ok(hub.requests.some((q) => q.range === 'bytes=50000-'), 'resumed with a Range request');
    assert.equal(r.files.find((f) => f.path === ENCODER_Q8)?.verifiedBy, 'sha256');
  } finally {
    hub.stallAfter.clear();
    await cleanup();
  }
});
