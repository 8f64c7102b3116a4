import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, readFile, readlink, readdir, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { DownloadError, ModelNotFoundError } from '../../../core/errors.js';
import { listCachedModels, modelPath, pullModel, removeModel, resolveModel } from '../index.js';
import type { DownloadProgress, PullOptions } from '../index.js';
import { FakeHub, gitBlobSha1, sha256, sharedFile } from './fake-hub.js';
import { DEV_REPO, FAKE_ONNX_BYTES, TINY_EN_REPO, VARIANTS_REPO, tempCache, testRepos } from './fixtures.js';

let hub: FakeHub;
before(async () => {
  hub = await FakeHub.start(testRepos(true));
});
after(async () => {
  await hub.close();
});

function opts(cacheDir: string, extra: PullOptions = {}): PullOptions {
  return { endpoint: hub.endpoint, cacheDir, env: {}, retryBaseMs: 1, ...extra };
}

test('full resolve of the dev model: files verified, HF cache layout, progress, second resolve without network', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.requests.length = 0;
    const events: DownloadProgress[] = [];
    const m = await resolveModel(DEV_REPO, { ...opts(dir), onProgress: (p) => events.push(p) });
    const commit = hub.commitOf(DEV_REPO);
    const root = join(dir, 'models--cephalon-test--whisper-dev-random');
    assert.equal(m.id, DEV_REPO);
    assert.equal(m.source, 'download');
    assert.equal(m.commit, commit);
    assert.equal(m.dir, join(root, 'snapshots', commit));
    assert.equal(m.decoder.layout, 'merged');
    assert.equal(m.configs.generation.noTimestampsTokenId, 50363);
    assert.equal(m.tokenizerPaths.length, 7);
    // refs/main holds the commit; blobs are named by sha256 (LFS) or git blob sha1 (small files)
    assert.equal(await readFile(join(root, 'refs', 'main'), 'utf8'), commit);
    const encoder = sharedFile('onnx/encoder_model.onnx');
    const config = sharedFile('config.json');
    const blobs = await readdir(join(root, 'blobs'));
    assert.ok(blobs.includes(sha256(encoder)));
    assert.ok(blobs.includes(gitBlobSha1(config)));
    assert.ok(!blobs.some((b) => b.endsWith('.incomplete')));
    // snapshot entries are relative symlinks into blobs, with the downloaded bytes
    assert.ok((await lstat(m.encoderPath)).isSymbolicLink());
    assert.equal(await readlink(m.encoderPath), `../../../blobs/${sha256(encoder)}`);
    assert.equal(await readlink(m.configPaths.config), `../../blobs/${gitBlobSha1(config)}`);
    assert.equal(dirname(await realpath(m.encoderPath)), await realpath(join(root, 'blobs')));
    assert.deepEqual(await readFile(m.decoder.path), sharedFile('onnx/decoder_model_merged.onnx'));
    assert.ok(!(await readdir(m.dir)).includes('README.md'), 'README is not needed');
    // ONNX Runtime loads the graphs through the snapshot symlinks
    const [enc, dec] = await Promise.all([ort.InferenceSession.create(m.encoderPath), ort.InferenceSession.create(m.decoder.path)]);
    assert.deepEqual(enc.inputNames, ['input_features']);
    assert.ok(dec.inputNames.includes('use_cache_branch'));
    await Promise.all([enc.release(), dec.release()]);
    // progress: monotonic, ends with every byte
    const last = events.at(-1);
    assert.ok(last !== undefined);
    assert.equal(last.doneBytes, last.totalBytes);
    assert.equal(last.filesDone, last.filesTotal);
    assert.equal(last.filesTotal, 12, '10 config and tokenizer files + encoder + merged decoder');
    for (let i = 1; i < events.length; i++) assert.ok((events[i]?.doneBytes ?? 0) >= (events[i - 1]?.doneBytes ?? 0));
    // the second resolve reads the cache only
    const before = hub.requests.length;
    const again = await resolveModel('cephalon-test/whisper-dev-random', opts(dir));
    assert.equal(hub.requests.length, before, 'no network request on a cache hit');
    assert.equal(again.source, 'cache');
    assert.equal(again.encoderPath, m.encoderPath);
  } finally {
    await cleanup();
  }
});

test('dtype selection downloads only the files that dtype needs', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.requests.length = 0;
    const r = await pullModel(VARIANTS_REPO, opts(dir, { dtype: { encoder: 'fp32', decoder: 'q4' } }));
    const got = r.files.map((f) => f.path).sort();
    assert.deepEqual(got, ['config.json', 'generation_config.json', 'onnx/decoder_model_merged_q4.onnx', 'onnx/encoder_model.onnx', 'preprocessor_config.json']);
    const fetched = hub.downloadedPaths();
    assert.ok(!fetched.some((p) => p.includes('safetensors') || p.includes('README') || p.includes('_quantized')));
    assert.equal(r.receivedBytes, r.files.reduce((s, f) => s + f.sizeBytes, 0));
    assert.equal(r.manifest.dtype.decoder, 'q4');

    // fp16 brings the external-data file; a second dtype reuses the cached config files
    hub.requests.length = 0;
    const fp16 = await pullModel(VARIANTS_REPO, { ...opts(dir), dtype: 'fp16' });
    assert.deepEqual(fp16.manifest.decoder.dataPaths.map((p) => p.split('/').pop()), ['decoder_model_merged_fp16.onnx_data']);
    assert.deepEqual(fp16.files.filter((f) => f.status === 'cached').map((f) => f.path).sort(), ['config.json', 'generation_config.json', 'preprocessor_config.json']);
    assert.equal(hub.requests.filter((q) => q.method === 'HEAD').length, 3, 'HEAD only for the 3 new files');

    // split layout on request
    const split = await pullModel(VARIANTS_REPO, { ...opts(dir), decoderLayout: 'split' });
    assert.equal(split.manifest.decoder.layout, 'split');
    assert.ok(split.manifest.decoder.layout === 'split' && split.manifest.decoder.withPastPath.endsWith('onnx/decoder_with_past_model.onnx'));

    // a dtype the repo lacks fails before any download, naming the ones it has
    hub.requests.length = 0;
    await assert.rejects(pullModel(VARIANTS_REPO, { ...opts(dir), dtype: 'int8' }), (e: unknown) => {
      assert.ok(e instanceof ModelNotFoundError);
      assert.equal(e.code, 'MODEL_DTYPE_MISSING');
      assert.match(e.hint ?? '', /fp32, fp16, q8/);
      return true;
    });
    assert.equal(hub.downloadedPaths().length, 0);
  } finally {
    await cleanup();
  }
});

test('offline mode: a miss is a typed error without network; a hit works without network', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.requests.length = 0;
    await assert.rejects(resolveModel(VARIANTS_REPO, { ...opts(dir), env: { HF_HUB_OFFLINE: '1' } }), (e: unknown) => {
      assert.ok(e instanceof DownloadError);
      assert.equal(e.code, 'HUB_OFFLINE_MISS');
      assert.match(e.message, /cephalon-test\/tiny-variants/);
      return true;
    });
    assert.equal(hub.requests.length, 0);
    await pullModel(VARIANTS_REPO, opts(dir));
    hub.requests.length = 0;
    const m = await resolveModel(VARIANTS_REPO, { ...opts(dir), offline: true });
    assert.equal(m.source, 'cache');
    const pulled = await pullModel(VARIANTS_REPO, { ...opts(dir), env: { HF_HUB_OFFLINE: 'true' } });
    assert.equal(pulled.manifest.encoderPath, m.encoderPath);
    // another dtype is a miss even though the repo is cached
    await assert.rejects(resolveModel(VARIANTS_REPO, { ...opts(dir), offline: true, dtype: 'q8' }), (e: unknown) => {
      assert.ok(e instanceof DownloadError);
      assert.match(e.message, /not in the cache .*encoder_model_quantized\.onnx/);
      assert.match(e.hint ?? '', /Pick a dtype this model has: fp32\./);
      return true;
    });
    assert.equal(hub.requests.length, 0);
  } finally {
    await cleanup();
  }
});

test('listCachedModels, modelPath and removeModel work on the cache only', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    assert.deepEqual(await listCachedModels(opts(dir)), []);
    await assert.rejects(modelPath(VARIANTS_REPO, opts(dir)), (e: unknown) => e instanceof ModelNotFoundError && /cephalon models pull/.test(e.hint ?? ''));
    await pullModel(VARIANTS_REPO, { ...opts(dir), dtype: 'q8' });
    const list = await listCachedModels(opts(dir));
    assert.equal(list.length, 1);
    const entry = list[0];
    assert.ok(entry !== undefined);
    assert.equal(entry.id, VARIANTS_REPO);
    assert.equal(entry.refs['main'], hub.commitOf(VARIANTS_REPO));
    assert.deepEqual(entry.snapshots[0]?.dtypes, ['q8']);
    assert.equal(entry.sizeBytes, 2 * FAKE_ONNX_BYTES + ['config.json', 'generation_config.json', 'preprocessor_config.json'].reduce((s, f) => s + sharedFile(f).length, 0));
    assert.equal(await modelPath(VARIANTS_REPO, opts(dir)), entry.snapshots[0]?.dir);
    assert.equal(await modelPath('packages', opts(dir)), resolve('packages'), 'a local folder is returned as is');
    const removed = await removeModel(VARIANTS_REPO, opts(dir));
    assert.deepEqual(removed, { id: VARIANTS_REPO, removed: true, freedBytes: entry.sizeBytes });
    assert.deepEqual(await listCachedModels(opts(dir)), []);
    assert.equal((await removeModel(VARIANTS_REPO, opts(dir))).removed, false);
    // aliases name their repository in the cache
    const viaAlias = await resolveModel('tiny.en', opts(dir));
    assert.equal(viaAlias.id, TINY_EN_REPO);
    assert.ok(viaAlias.dir.includes('models--onnx-community--whisper-tiny.en'));
    assert.deepEqual((await listCachedModels(opts(dir))).map((c) => [c.id, c.aliases]), [[TINY_EN_REPO, ['tiny.en']]]);
    assert.equal(await modelPath('tiny.en', opts(dir)), viaAlias.dir);
    assert.equal((await removeModel('tiny.en', opts(dir))).removed, true);
  } finally {
    await cleanup();
  }
});

test('a renamed repository is followed through same-host redirects', async () => {
  const { dir, cleanup } = await tempCache();
  try {
    hub.renamed.set('cephalon-test/old-name', VARIANTS_REPO);
    hub.requests.length = 0;
    const r = await pullModel('cephalon-test/old-name', { ...opts(dir), dtype: 'q8' });
    assert.equal(r.commit, hub.commitOf(VARIANTS_REPO));
    assert.ok(hub.requests.some((q) => q.method === 'HEAD' && q.path.startsWith('/cephalon-test/old-name/resolve/')));
    assert.ok(hub.requests.some((q) => q.method === 'HEAD' && q.path.startsWith(`/${VARIANTS_REPO}/resolve/`)));
    assert.equal(r.files.filter((f) => f.status === 'downloaded').length, 5);
  } finally {
    hub.renamed.clear();
    await cleanup();
  }
});

test('a local folder resolves without the network', async () => {
  const folder = new URL('../../../../../../../shared/models/whisper-dev-random', import.meta.url).pathname;
  const m = await resolveModel(folder, { endpoint: 'http://127.0.0.1:9', cacheDir: '/nonexistent', env: {}, retries: 0 });
  assert.equal(m.source, 'folder');
  assert.equal(m.dir, resolve(folder));
});
