import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DownloadError, ModelCorruptError } from '../../core/errors.js';
import { httpStatusError, interruptedError } from './download-errors.js';
import { isTransientError } from './http.js';
import { blobLockPath, withBlobLock } from './blob-lock.js';
import { isCommitHash, repoFolderName, repoIdFromFolder } from './cache-layout.js';
import { formatBytes } from './download-errors.js';
import { hubSettings } from './hub-settings.js';
import { normalizeEtag } from './repo-api.js';
import { fileDigest, verifyDownload, verifyMethodFor } from './verify.js';

test('settings follow the Hugging Face environment variables, options win', async () => {
  const home = await mkdtemp(join(tmpdir(), 'cephalon-hfhome-'));
  try {
    const d = hubSettings({ env: {} });
    assert.equal(d.endpoint, 'https://huggingface.co');
    assert.equal(d.cacheDir, join(homedir(), '.cache', 'huggingface', 'hub'));
    assert.equal(d.offline, false);
    assert.equal(d.revision, 'main');
    assert.equal(hubSettings({ env: { XDG_CACHE_HOME: '/x' } }).cacheDir, '/x/huggingface/hub');
    assert.equal(hubSettings({ env: { HF_HOME: home } }).cacheDir, join(home, 'hub'));
    assert.equal(hubSettings({ env: { HF_HOME: home, HF_HUB_CACHE: '/c' } }).cacheDir, '/c');
    assert.equal(hubSettings({ env: { HF_HUB_CACHE: '/c' }, cacheDir: '/o' }).cacheDir, '/o');
    assert.equal(hubSettings({ env: { HF_ENDPOINT: 'http://mirror.local/' } }).endpoint, 'http://mirror.local');
    for (const v of ['1', 'ON', 'yes', 'true']) assert.equal(hubSettings({ env: { HF_HUB_OFFLINE: v } }).offline, true, v);
    assert.equal(hubSettings({ env: { HF_HUB_OFFLINE: '0' } }).offline, false);
    assert.equal(hubSettings({ env: { HF_HUB_OFFLINE: '1' }, offline: false }).offline, false);
    // token: option, else HF_TOKEN, else the token file `huggingface-cli login` writes
    assert.equal(hubSettings({ env: { HF_HOME: home } }).token, undefined);
    await writeFile(join(home, 'token'), 'hf_from_file\n');
    assert.equal(hubSettings({ env: { HF_HOME: home } }).token, 'hf_from_file');
    assert.equal(hubSettings({ env: { HF_HOME: home, HF_TOKEN: 'hf_env' } }).token, 'hf_env');
    assert.equal(hubSettings({ env: { HF_TOKEN: 'hf_env' }, token: 'hf_opt' }).token, 'hf_opt');
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('cache folder names and commit hashes', () => {
  assert.equal(repoFolderName('onnx-community/whisper-tiny.en'), 'models--onnx-community--whisper-tiny.en');
  assert.equal(repoIdFromFolder('models--onnx-community--whisper-tiny.en'), 'onnx-community/whisper-tiny.en');
  assert.equal(repoIdFromFolder('datasets--a--b'), undefined);
  assert.equal(isCommitHash('a'.repeat(40)), true);
  assert.equal(isCommitHash('main'), false);
  assert.equal(normalizeEtag('W/"abc"'), 'abc');
  assert.equal(normalizeEtag('"abc"'), 'abc');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(1_500_000), '1.5 MB');
});

test('verification: sha256 for LFS etags, git blob sha1 for small files, size otherwise', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-verify-'));
  try {
    const file = join(dir, 'hello.txt');
    await writeFile(file, 'hello\n');
    // `printf 'hello\n' | git hash-object --stdin` and `sha256sum`
    const gitSha1 = 'ce013625030ba8dba906f756967f9e9ca394464a';
    const sha = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';
    assert.equal(await fileDigest(file, 'git-sha1'), gitSha1);
    assert.equal(await fileDigest(file, 'sha256'), sha);
    assert.equal(verifyMethodFor(sha), 'sha256');
    assert.equal(verifyMethodFor(gitSha1), 'git-sha1');
    assert.equal(verifyMethodFor('xet-abc'), 'size-only');
    assert.equal(await verifyDownload(file, 'hello.txt', 6, gitSha1), 'git-sha1');
    assert.equal(await verifyDownload(file, 'hello.txt', 6, 'opaque'), 'size-only');
    await assert.rejects(verifyDownload(file, 'hello.txt', 7, sha), (e: unknown) => e instanceof DownloadError && e.code === 'DOWNLOAD_CHECKSUM');
    await assert.rejects(verifyDownload(file, 'hello.txt', 6, 'f'.repeat(64)), /sha256/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('blob locks serialize holders and take over a lock left by a dead process', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cephalon-lock-'));
  try {
    const order: string[] = [];
    const hold = (name: string, ms: number) =>
      withBlobLock(dir, 'a/b', 'etag1', async () => {
        order.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${name}-`);
      });
    await Promise.all([hold('x', 50), hold('y', 1)]);
    const first = order[0]?.[0] ?? '';
    const second = first === 'x' ? 'y' : 'x';
    assert.deepEqual(order, [`${first}+`, `${first}-`, `${second}+`, `${second}-`], 'the holders never overlap');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const path = blobLockPath(dir, 'a/b', 'etag2');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${dead} 1`);
    assert.equal(await withBlobLock(dir, 'a/b', 'etag2', async () => 'taken over'), 'taken over');
    assert.deepEqual(await readdir(dirname(path)), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('transient failures are retried, the others are not', async () => {
  const url = 'http://hub.local/x';
  assert.equal(isTransientError(new TypeError('fetch failed')), true);
  assert.equal(isTransientError(new DOMException('aborted', 'AbortError')), true);
  assert.equal(isTransientError(httpStatusError(503, url, 'x', null, false)), true);
  assert.equal(isTransientError(httpStatusError(429, url, 'x', null, false)), true);
  assert.equal(isTransientError(interruptedError('f', 1, 2, undefined)), true);
  assert.equal(isTransientError(httpStatusError(400, url, 'x', null, false)), false);
  assert.equal(isTransientError(httpStatusError(404, url, 'x', 'RepoNotFound', false)), false);
  assert.equal(isTransientError(new ModelCorruptError('X', 'x')), false);
  const fsError = await readFile('/nonexistent/cephalon').catch((e: unknown) => e);
  assert.equal(isTransientError(fsError), false);
});
