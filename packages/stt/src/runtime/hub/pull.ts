/**
 * `pullModel`: brings the files one dtype of a Whisper model needs into the Hugging Face cache and returns its manifest.
 */
import { resolveRepoId } from '../model/aliases.js';
import { normalizeDtype } from '../model/dtype.js';
import type { DtypeOption } from '../model/dtype.js';
import { resolveManifest } from '../model/manifest.js';
import type { ModelManifest } from '../model/manifest.js';
import { planModelFiles } from '../model/model-files.js';
import type { DecoderLayoutOption } from '../model/model-files.js';
import { RepoCache } from './cache-layout.js';
import { resolveCached } from './cache-read.js';
import { withBlobLock } from './blob-lock.js';
import { downloadBlob } from './download-blob.js';
import { offlineMissError } from './download-errors.js';
import { hubSettings } from './hub-settings.js';
import type { HubOptions, HubSettings } from './hub-settings.js';
import { fetchFileMetadata, fetchRepoInfo } from './repo-api.js';
import type { FileMetadata } from './repo-api.js';
import type { VerifyMethod } from './verify.js';

/** Progress of a pull, reported after every received chunk and once per file taken from the cache. */
export interface DownloadProgress {
  readonly repoId: string;
  /** Repository-relative path of the current file. */
  readonly file: string;
  /** `cached`: already in the cache; `download`: bytes arriving; `done`: file verified and in place. */
  readonly phase: 'cached' | 'download' | 'done';
  readonly fileBytes: number;
  readonly fileTotalBytes: number;
  /** Bytes present of all files of this pull, cached ones included. */
  readonly doneBytes: number;
  readonly totalBytes: number;
  readonly filesDone: number;
  readonly filesTotal: number;
}

/** Options of `pullModel` and `resolveModel`. */
export interface PullOptions extends HubOptions {
  readonly dtype?: DtypeOption;
  readonly decoderLayout?: DecoderLayoutOption;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/** One file of a pull. */
export interface PulledFile {
  readonly path: string;
  readonly sizeBytes: number;
  readonly status: 'cached' | 'downloaded';
  /** Bytes received over the network for this file (less than its size after a resume; 0 when cached). */
  readonly receivedBytes: number;
  /** How a downloaded file was checked; undefined for cached files. */
  readonly verifiedBy: VerifyMethod | undefined;
}

/** What `pullModel` did. */
export interface PullResult {
  readonly manifest: ModelManifest;
  readonly commit: string;
  /** Every file of the pull, in download order; empty in offline mode (nothing was checked against the Hub). */
  readonly files: readonly PulledFile[];
  /** Bytes received over the network. */
  readonly receivedBytes: number;
}

interface FileTask {
  readonly path: string;
  readonly cachedBytes: number | undefined;
  readonly meta: FileMetadata | undefined;
}

async function planTasks(s: HubSettings, cache: RepoCache, commit: string, files: readonly string[]): Promise<FileTask[]> {
  const tasks: FileTask[] = [];
  for (const path of files) {
    const cachedBytes = await cache.snapshotFileSize(commit, path);
    const meta = cachedBytes === undefined ? await fetchFileMetadata(s, cache.repoId, commit, path) : undefined;
    tasks.push({ path, cachedBytes, meta });
  }
  return tasks;
}

/** Downloads whatever the tasks lack and links every file into the snapshot. */
async function runTasks(cache: RepoCache, s: HubSettings, commit: string, tasks: readonly FileTask[], onProgress: PullOptions['onProgress']): Promise<PulledFile[]> {
  const totalBytes = tasks.reduce((sum, t) => sum + (t.cachedBytes ?? t.meta?.sizeBytes ?? 0), 0);
  let doneBytes = 0;
  let filesDone = 0;
  const report = (file: string, phase: DownloadProgress['phase'], fileBytes: number, fileTotalBytes: number): void =>
    onProgress?.({ repoId: cache.repoId, file, phase, fileBytes, fileTotalBytes, doneBytes, totalBytes, filesDone, filesTotal: tasks.length });
  const out: PulledFile[] = [];
  for (const t of tasks) {
    if (t.meta === undefined) {
      const size = t.cachedBytes ?? 0;
      doneBytes += size;
      filesDone++;
      report(t.path, 'cached', size, size);
      out.push({ path: t.path, sizeBytes: size, status: 'cached', receivedBytes: 0, verifiedBy: undefined });
      continue;
    }
    const meta = t.meta;
    const before = doneBytes;
    const result = await withBlobLock(s.cacheDir, cache.repoId, meta.etag, async () => {
      if ((await cache.blobSize(meta.etag)) === meta.sizeBytes) return undefined; // cached, or another pull just finished it
      return downloadBlob({
        settings: s,
        cache,
        meta,
        onBytes: (done) => {
          doneBytes = before + done;
          report(meta.path, 'download', done, meta.sizeBytes);
        },
      });
    });
    const verifiedBy = result?.verifiedBy;
    const receivedBytes = result?.receivedBytes ?? 0;
    await cache.linkSnapshot(commit, meta.path, meta.etag);
    doneBytes = before + meta.sizeBytes;
    filesDone++;
    report(meta.path, verifiedBy === undefined ? 'cached' : 'done', meta.sizeBytes, meta.sizeBytes);
    const status = verifiedBy === undefined ? 'cached' : 'downloaded';
    out.push({ path: meta.path, sizeBytes: meta.sizeBytes, status, receivedBytes, verifiedBy });
  }
  return out;
}

/**
 * Downloads (or finds in the cache) the files a dtype of a model needs, verifies them and returns the manifest.
 * Always asks the Hub which commit the revision points to, unless offline (then the cache alone answers).
 * @example const { manifest } = await pullModel('tiny.en', { dtype: 'q8', onProgress: (p) => bar.update(p.doneBytes / p.totalBytes) });
 */
export async function pullModel(idOrAlias: string, options: PullOptions = {}): Promise<PullResult> {
  const s = hubSettings(options);
  const repoId = resolveRepoId(idOrAlias);
  const dtype = normalizeDtype(options.dtype);
  const layout = options.decoderLayout ?? 'auto';
  if (s.offline) {
    const lookup = await resolveCached(repoId, s, dtype, layout);
    if (lookup.manifest === undefined) throw offlineMissError(repoId, s.cacheDir, lookup.reason);
    const manifest = lookup.manifest;
    return { manifest, commit: manifest.commit ?? '', files: [], receivedBytes: 0 };
  }
  const cache = new RepoCache(s.cacheDir, repoId);
  const info = await fetchRepoInfo(s, repoId, s.revision);
  const plan = planModelFiles(repoId, info.files, dtype, layout);
  const tasks = await planTasks(s, cache, info.commit, plan.allFiles);
  const files = await runTasks(cache, s, info.commit, tasks, options.onProgress);
  await cache.writeRef(s.revision, info.commit);
  const manifest = await resolveManifest(cache.snapshotDir(info.commit), {
    id: repoId,
    dtype,
    decoderLayout: plan.decoder.layout,
    source: files.some((f) => f.status === 'downloaded') ? 'download' : 'cache',
    commit: info.commit,
  });
  const receivedBytes = files.reduce((sum, f) => sum + f.receivedBytes, 0);
  return { manifest, commit: info.commit, files, receivedBytes };
}
