/**
 * Checks a downloaded file against the Hub's metadata: the size always, and the content hash the etag names —
 * sha256 for LFS files (64 hex digits), the git blob sha1 (`sha1("blob {size}\0" + bytes)`, 40 hex digits) for
 * files stored in git. Any other etag format is checked by size only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { checksumError } from './download-errors.js';

/** How a file was verified. */
export type VerifyMethod = 'sha256' | 'git-sha1' | 'size-only';

const SHA256_RE = /^[0-9a-f]{64}$/;
const SHA1_RE = /^[0-9a-f]{40}$/;

/** Which hash an etag is. */
export function verifyMethodFor(etag: string): VerifyMethod {
  if (SHA256_RE.test(etag)) return 'sha256';
  if (SHA1_RE.test(etag)) return 'git-sha1';
  return 'size-only';
}

/** Hex digest of a file; for `git-sha1` the git blob header is hashed first. */
export async function fileDigest(path: string, method: 'sha256' | 'git-sha1'): Promise<string> {
  const hash = createHash(method === 'sha256' ? 'sha256' : 'sha1');
  if (method === 'git-sha1') hash.update(`blob ${(await stat(path)).size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Verifies `path` (a download of `repoPath`) against `expectedBytes` and `etag`.
 * Throws a DownloadError with code DOWNLOAD_CHECKSUM on a mismatch; the caller deletes the file.
 */
export async function verifyDownload(path: string, repoPath: string, expectedBytes: number, etag: string): Promise<VerifyMethod> {
  const size = (await stat(path)).size;
  if (size !== expectedBytes) throw checksumError(repoPath, `size ${size} bytes, expected ${expectedBytes}`, String(expectedBytes), String(size));
  const method = verifyMethodFor(etag);
  if (method === 'size-only') return method;
  const actual = await fileDigest(path, method);
  if (actual !== etag) throw checksumError(repoPath, `${method} ${actual}, expected ${etag}`, etag, actual);
  return method;
}
