/**
 * A per-blob lock so two Cephalon processes (or two pulls in one process) never append to the same `.incomplete`
 * file: `{cacheDir}/.locks/models--{org}--{name}/{etag}.cephalon-lock`, created exclusively and holding the owner's
 * pid. A lock whose process is gone is taken over. (Python's huggingface_hub uses OS file locks on `{etag}.lock`
 * in the same folder; those are not shared with this one.)
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoFolderName } from './cache-layout.js';

/** How often a waiting pull checks the lock again. */
export const LOCK_POLL_MS = 100;

/** Path of the lock for one blob. */
export function blobLockPath(cacheDir: string, repoId: string, etag: string): string {
  return join(cacheDir, '.locks', repoFolderName(repoId), `${etag}.cephalon-lock`);
}

/** True unless `pid` names no running process. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(path: string, token: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    await fh.writeFile(token);
    await fh.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Removes the lock when its owner process is gone; true when it did. */
async function removeIfStale(path: string): Promise<boolean> {
  let owner: number;
  try {
    owner = Number((await readFile(path, 'utf8')).split(' ')[0]);
  } catch {
    return true; // vanished meanwhile
  }
  if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) return false;
  await rm(path, { force: true });
  return true;
}

let counter = 0;

/**
 * Runs `fn` holding the lock of one blob, waiting while another live holder has it.
 * @example await withBlobLock(cacheDir, repoId, etag, () => downloadBlob(job));
 */
export async function withBlobLock<T>(cacheDir: string, repoId: string, etag: string, fn: () => Promise<T>): Promise<T> {
  const path = blobLockPath(cacheDir, repoId, etag);
  await mkdir(dirname(path), { recursive: true });
  const token = `${process.pid} ${++counter}`;
  while (!(await tryCreate(path, token))) {
    if (!(await removeIfStale(path))) await sleep(LOCK_POLL_MS);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
