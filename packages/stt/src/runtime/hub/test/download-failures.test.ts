import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DownloadError } from '../../../core/errors.js';
import { assertFreeSpace } from '../download-blob.js';
import { pullModel, resolveModel } from '../index.js';
import type { PullOptions } from '../index.js';
import { FakeHub } from './fake-hub.js';
import { FAKE_ONNX_BYTES, GATED_REPO, GATED_TOKEN, VARIANTS_REPO, tempCache, testRepos } from './fixtures.js';

let hub: FakeHub;
before(async () => {
  hub = await FakeHub.start(testRepos(false));
});
after(async () => {
  await hub.close();
});

function opts(cacheDir: string, extra: PullOptions = {}): PullOptions {
  return { endpoint: hub.endpoint, cacheDir, env: {}, retryBaseMs: 1, dtype: 'q8', ...extra };
}

const ENCODER_Q8 = 'onnx/encoder_model_quantized.onnx';

function isDownloadError(code: string, pattern?: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof DownloadError, String(e));
    assert.equal(e.code, code);
    if (pattern !== undefined) assert.match(`${e.message} ${e.hint ?? ''}`, pattern);
    return true;
  };
}

async function blobNames(cacheDir: string, repo: string): Promise<string[]> {
  return readdir(join(cacheDir, `models--${repo.replace('/', '--')}`, 'blobs')).catch(() => []);
}

test('a connection cut mid-file is resumed with a Range request within the same pull', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.requests.length = 0;
    hub.cutAfter.set(ENCODER_Q8, 60_000);
    const r = await pullModel(VARIANTS_REPO, opts(dir, { retries: 2 }));
    const ranges = hub.requests.filter((q) => q.server === 'storage' && q.range !== undefined).map((q) => q.range);
    assert.equal(ranges.length, 1, JSON.stringify(hub.requests.filter((q) => q.server === 'storage')));
    assert.match(ranges[0] ?? '', /^bytes=\d+-$/);
    const resumedAt = Number(/\d+/.exec(ranges[0] ?? '')?.[0]);
    assert.ok(resumedAt > 0 && resumedAt <= 60_000, `resumed at ${resumedAt}`);
    const enc = r.files.find((f) => f.path === ENCODER_Q8);
    assert.equal(enc?.verifiedBy, 'sha256');
    assert.equal((await stat(r.manifest.encoderPath)).size, FAKE_ONNX_BYTES);
  } finally {
    await cleanup();
  }
});

test('a stalled download times out and resumes', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.requests.length = 0;
    hub.stallAfter.set(ENCODER_Q8, 30_000);
    const r = await pullModel(VARIANTS_REPO, opts(dir, { retries: 1, timeoutMs: 300 }));
    const ranges = hub.requests.filter((q) => q.server === 'storage' && q.range !== undefined).map((q) => q.range);
    assert.deepEqual(ranges, ['bytes=30000-']);
    assert.equal(r.files.find((f) => f.path === ENCODER_Q8)?.verifiedBy, 'sha256');
  } finally {
    await cleanup();
  }
});

test('two concurrent pulls of one model download each file once and both succeed', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.requests.length = 0;
    const [a, b] = await Promise.all([pullModel(VARIANTS_REPO, opts(dir)), pullModel(VARIANTS_REPO, opts(dir))]);
    assert.equal(a.manifest.encoderPath, b.manifest.encoderPath);
    const storageGets = hub.requests.filter((q) => q.server === 'storage').map((q) => q.path);
    assert.equal(storageGets.length, new Set(storageGets).size, 'no blob fetched twice');
    assert.equal(storageGets.length, 2);
    const downloaded = [...a.files, ...b.files].filter((f) => f.status === 'downloaded').map((f) => f.path);
    assert.equal(downloaded.length, new Set(downloaded).size);
    assert.equal(downloaded.length, 5);
    assert.deepEqual(await readdir(join(dir, '.locks', 'models--cephalon-test--tiny-variants')), [], 'locks released');
  } finally {
    await cleanup();
  }
});

test('without retries an interrupted download is a typed error and the next pull resumes it', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.cutAfter.set(ENCODER_Q8, 80_000);
    await assert.rejects(pullModel(VARIANTS_REPO, opts(dir, { retries: 0 })), isDownloadError('DOWNLOAD_INTERRUPTED', /resumes/));
    const partial = (await blobNames(dir, VARIANTS_REPO)).filter((n) => n.endsWith('.incomplete'));
    assert.equal(partial.length, 1);
    const root = join(dir, 'models--cephalon-test--tiny-variants');
    const kept = (await stat(join(root, 'blobs', partial[0] ?? ''))).size;
    assert.ok(kept > 0 && kept < FAKE_ONNX_BYTES);
    hub.requests.length = 0;
    const r = await pullModel(VARIANTS_REPO, opts(dir, { retries: 0 }));
    assert.deepEqual(hub.requests.filter((q) => q.server === 'storage' && q.range !== undefined).map((q) => q.range), [`bytes=${kept}-`]);
    const enc = r.files.find((f) => f.path === ENCODER_Q8);
    assert.equal(enc?.receivedBytes, FAKE_ONNX_BYTES - kept);
    assert.equal(enc?.verifiedBy, 'sha256');
    assert.ok(!(await blobNames(dir, VARIANTS_REPO)).some((n) => n.endsWith('.incomplete')));
  } finally {
    await cleanup();
  }
});

test('a corrupted byte fails the checksum and leaves nothing corrupt in the cache', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.corrupt.add(ENCODER_Q8);
    await assert.rejects(pullModel(VARIANTS_REPO, opts(dir)), isDownloadError('DOWNLOAD_CHECKSUM', /sha256.*deleted/s));
    const blobs = await blobNames(dir, VARIANTS_REPO);
    assert.equal(blobs.filter((n) => n.endsWith('.incomplete')).length, 0);
    assert.equal(blobs.length, 3, 'only the three config files were kept');
    hub.corrupt.delete(ENCODER_Q8);
    hub.corrupt.add('generation_config.json');
    const fresh = await tempCache();
    try {
      await assert.rejects(pullModel(VARIANTS_REPO, opts(fresh.dir)), isDownloadError('DOWNLOAD_CHECKSUM', /git-sha1/));
    } finally {
      await fresh.cleanup();
      hub.corrupt.clear();
    }
    const ok = await pullModel(VARIANTS_REPO, opts(dir));
    assert.equal(ok.files.find((f) => f.path === ENCODER_Q8)?.status, 'downloaded');
  } finally {
    await cleanup();
  }
});

test('404 for an unknown repository or revision', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    await assert.rejects(pullModel('cephalon-test/no-such-model', opts(dir)), isDownloadError('HUB_NOT_FOUND', /no-such-model/));
    await assert.rejects(pullModel(VARIANTS_REPO, opts(dir, { revision: 'v9' })), isDownloadError('HUB_NOT_FOUND', /v9/));
  } finally {
    await cleanup();
  }
});

test('a gated model needs HF_TOKEN: 401 without it, downloads with it', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    await assert.rejects(pullModel(GATED_REPO, opts(dir)), isDownloadError('HUB_UNAUTHORIZED', /HF_TOKEN/));
    hub.requests.length = 0;
    const r = await pullModel(GATED_REPO, opts(dir, { env: { HF_TOKEN: GATED_TOKEN } }));
    assert.equal(r.files.length, 5);
    const hubRequests = hub.requests.filter((q) => q.server === 'hub');
    assert.ok(hubRequests.every((q) => q.authorization === `Bearer ${GATED_TOKEN}`));
    const storage = hub.requests.filter((q) => q.server === 'storage');
    assert.ok(storage.length > 0);
    assert.ok(storage.every((q) => q.authorization === undefined), 'the token is not sent to another origin');
  } finally {
    await cleanup();
  }
});

test('transient 503s are retried; an unreachable Hub is a typed error with the local-folder hint', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.failNext.push(503, 503);
    const r = await pullModel(VARIANTS_REPO, opts(dir, { retries: 2 }));
    assert.equal(r.files.length, 5);
    const unreachable = { endpoint: 'http://127.0.0.1:9', retries: 1 };
    await assert.rejects(resolveModel('tiny.en', opts(dir, unreachable)), isDownloadError('HUB_UNREACHABLE', /local model folder.*HF_HUB_OFFLINE/s));
  } finally {
    await cleanup();
  }
});

test('a disk without room for the download is reported before writing, naming the folder', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    await assertFreeSpace(dir, 1);
    await assert.rejects(assertFreeSpace(dir, Number.MAX_SAFE_INTEGER), isDownloadError('DOWNLOAD_DISK_FULL', new RegExp(dir)));
  } finally {
    await cleanup();
  }
});
