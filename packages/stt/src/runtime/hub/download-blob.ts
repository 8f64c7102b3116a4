/**
 * Downloads one file into `blobs/{etag}`: bytes go to `blobs/{etag}.incomplete`, a cut connection resumes with
 * `Range: bytes={done}-` (retried with backoff, and again on the next run), the result is checked (size, then
 * sha256 or git sha1) and renamed into place atomically. A file failing the check is deleted.
 */
import { mkdir, open, rename, rm, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RepoCache } from './cache-layout.js';
import { diskFullError, interruptedError } from './download-errors.js';
import { backoffMs, hubFetch, isTransientError } from './http.js';
import type { HubSettings } from './hub-settings.js';
import { resolveUrl } from './repo-api.js';
import type { FileMetadata } from './repo-api.js';
import { verifyDownload } from './verify.js';
import type { VerifyMethod } from './verify.js';

/** One blob to fetch. */
export interface BlobJob {
  readonly settings: HubSettings;
  readonly cache: RepoCache;
  readonly meta: FileMetadata;
  /** Called with the bytes of this file now on disk (including resumed bytes). */
  readonly onBytes?: (doneBytes: number) => void;
}

/** What a blob download did. */
export interface BlobResult {
  /** Bytes received over the network in this call. */
  readonly receivedBytes: number;
  /** Bytes already present in `.incomplete` when this call started. */
  readonly resumedFromBytes: number;
  readonly verifiedBy: VerifyMethod;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Throws a disk-full error before downloading when the disk visibly lacks `neededBytes`. */
export async function assertFreeSpace(dir: string, neededBytes: number): Promise<void> {
  let free: number;
  try {
    const s = await statfs(dir);
    free = s.bavail * s.bsize;
  } catch {
    return; // unknown: let the write fail with ENOSPC if it must
  }
  if (free < neededBytes) throw diskFullError(dir, neededBytes, free);
}

/** Streams one GET response into the `.incomplete` file, appending when the server honours the Range request. */
async function receive(job: BlobJob, partPath: string, offset: number, onReceived: (doneBytes: number, chunkBytes: number) => void): Promise<void> {
  const { settings, meta, cache } = job;
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), settings.timeoutMs);
  // low-speed cut: fewer than lowSpeedBytesPerSec on average over a whole window (a server trickling bytes)
  let windowBytes = 0;
  const slow = setInterval(() => {
    if (windowBytes < (settings.lowSpeedBytesPerSec * settings.lowSpeedWindowMs) / 1000) idle.abort();
    windowBytes = 0;
  }, settings.lowSpeedWindowMs);
  try {
    // retries happen in downloadBlob, each one resuming from the bytes on disk
    const res = await hubFetch({ ...settings, retries: 0 }, {
      method: 'GET',
      url: resolveUrl(settings, cache.repoId, meta.commit, meta.path),
      what: `${cache.repoId}/${meta.path}`,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      headerTimeout: false,
      signal: idle.signal,
    });
    const resumed = res.status === 206 && (res.headers.get('content-range') ?? '').startsWith(`bytes ${offset}-`);
    if (res.status === 206 && !resumed) {
      // a range other than the one asked for: start over (this error counts as one transient failure)
      await res.body?.cancel();
      await rm(partPath, { force: true });
      const got = res.headers.get('content-range') ?? '';
      throw interruptedError(meta.path, 0, meta.sizeBytes, `server sent Content-Range ${got} for bytes=${offset}-`);
    }
    const start = resumed ? offset : 0;
    const fh = await open(partPath, start > 0 ? 'a' : 'w');
    let done = start;
    try {
      if (res.body === null) return;
      for await (const received of res.body) {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), settings.timeoutMs);
        windowBytes += received.byteLength;
        // never write past the declared size: a server sending more is cut there (verification then decides)
        const chunk = done + received.byteLength > meta.sizeBytes ? received.subarray(0, Math.max(0, meta.sizeBytes - done)) : received;
        try {
          await fh.write(chunk);
        } catch (cause) {
          if ((cause as NodeJS.ErrnoException).code === 'ENOSPC') throw diskFullError(dirname(partPath), meta.sizeBytes - done, undefined, cause);
          throw cause;
        }
        done += chunk.byteLength;
        onReceived(done, chunk.byteLength);
        if (chunk !== received) {
          await res.body.cancel().catch(() => undefined);
          break;
        }
      }
    } finally {
      await fh.close();
    }
  } finally {
    clearTimeout(timer);
    clearInterval(slow);
  }
}

/** Downloads, verifies and installs one blob. Resolves once `blobs/{etag}` holds the verified file. */
export async function downloadBlob(job: BlobJob): Promise<BlobResult> {
  const { settings, cache, meta } = job;
  const partPath = cache.incompletePath(meta.etag);
  await mkdir(dirname(partPath), { recursive: true });
  if ((await sizeOf(partPath)) > meta.sizeBytes) await rm(partPath, { force: true });
  const resumedFromBytes = await sizeOf(partPath);
  await assertFreeSpace(dirname(partPath), meta.sizeBytes - resumedFromBytes);
  let lastError: unknown;
  let receivedBytes = 0;
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    const offset = await sizeOf(partPath);
    if (offset === meta.sizeBytes) break;
    if (attempt > 0) await sleep(backoffMs(settings, attempt), undefined, settings.signal === undefined ? {} : { signal: settings.signal });
    try {
      await receive(job, partPath, offset, (done, chunkBytes) => {
        receivedBytes += chunkBytes;
        job.onBytes?.(done);
      });
      lastError = undefined;
    } catch (cause) {
      if (settings.signal?.aborted === true || !isTransientError(cause)) throw cause;
      lastError = cause;
    }
  }
  const finalSize = await sizeOf(partPath);
  if (finalSize < meta.sizeBytes) throw interruptedError(meta.path, finalSize, meta.sizeBytes, lastError);
  let verifiedBy: VerifyMethod;
  try {
    verifiedBy = await verifyDownload(partPath, meta.path, meta.sizeBytes, meta.etag);
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
  await rename(partPath, cache.blobPath(meta.etag));
  return { receivedBytes, resumedFromBytes, verifiedBy };
}
