/**
 * The two Hub endpoints the downloader reads:
 * - `GET {endpoint}/api/models/{repo}/revision/{rev}`: the commit a revision points to and the file list (siblings);
 * - `HEAD {endpoint}/{repo}/resolve/{rev}/{path}`: one file's metadata. LFS files answer with a redirect to storage
 *   carrying `X-Linked-Etag` (their sha256) and `X-Linked-Size`; small files answer 200 with `ETag` (their git
 *   blob sha1) and `Content-Length`. Both carry `X-Repo-Commit`. Only same-host (relative) redirects are followed,
 *   e.g. for a renamed repository, so the metadata headers are read from the Hub itself.
 */
import { DownloadError } from '../../core/errors.js';
import { isCommitHash } from './cache-layout.js';
import { DOWNLOAD_ERROR_CODES } from './download-errors.js';
import { hubFetch, MAX_METADATA_BYTES, readCappedText } from './http.js';
import type { HubSettings } from './hub-settings.js';

/** A repository at one commit. */
export interface RepoInfo {
  readonly commit: string;
  /** Repository-relative paths of every file. */
  readonly files: readonly string[];
}

/** Metadata of one file at one commit. */
export interface FileMetadata {
  readonly path: string;
  readonly commit: string;
  /** Blob name in the cache: sha256 for LFS files, git blob sha1 for others (quotes and `W/` removed). */
  readonly etag: string;
  readonly sizeBytes: number;
  /** True when the Hub stores the file in LFS (the etag is then the sha256 of the contents). */
  readonly isLfs: boolean;
}

/** Etags become blob file names: only plain names are accepted (no `/`, no `..`). */
const SAFE_ETAG_RE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Most same-host redirects followed for a HEAD request. */
const MAX_RELATIVE_REDIRECTS = 5;

/**
 * Server-supplied file names become cache paths: only relative paths with plain parts are accepted (no `..`,
 * `.`, empty parts, backslashes, drive letters or control characters).
 */
export function isSafeRepoPath(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (path === '' || path.length > 1024 || /[\\\x00-\x1f\x7f:]/.test(path) || path.startsWith('/')) return false;
  return path.split('/').every((p) => p !== '' && p !== '.' && p !== '..');
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** URL of a file at a revision. */
export function resolveUrl(settings: HubSettings, repoId: string, revision: string, path: string): string {
  return `${settings.endpoint}/${repoId}/resolve/${encodeURIComponent(revision)}/${encodePath(path)}`;
}

function badResponse(what: string, url: string, problem: string): DownloadError {
  return new DownloadError(DOWNLOAD_ERROR_CODES.http, `Unexpected Hub response for ${what}: ${problem}`, {
    hint: 'Check HF_ENDPOINT points at a Hugging Face Hub (or a mirror of it).',
    details: { url },
  });
}

/** Lists a repository's files and the commit `revision` points to. */
export async function fetchRepoInfo(settings: HubSettings, repoId: string, revision: string): Promise<RepoInfo> {
  const url = `${settings.endpoint}/api/models/${repoId}/revision/${encodeURIComponent(revision)}`;
  const res = await hubFetch(settings, { method: 'GET', url, what: `${repoId}@${revision}` });
  const text = await readCappedText(res, MAX_METADATA_BYTES, `${repoId}@${revision}`, url);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw badResponse(repoId, url, `not JSON (${String(cause)})`);
  }
  const obj = (typeof body === 'object' && body !== null ? body : {}) as { sha?: unknown; siblings?: unknown };
  if (typeof obj.sha !== 'string' || !Array.isArray(obj.siblings)) throw badResponse(repoId, url, 'no sha or siblings');
  if (!isCommitHash(obj.sha)) throw badResponse(repoId, url, `sha ${JSON.stringify(obj.sha)} is not a commit hash`);
  const files = obj.siblings
    .map((s: unknown) => (typeof s === 'object' && s !== null ? (s as { rfilename?: unknown }).rfilename : undefined))
    .filter((f): f is string => typeof f === 'string');
  const unsafe = files.find((f) => !isSafeRepoPath(f));
  if (unsafe !== undefined) throw badResponse(repoId, url, `unsafe file name ${JSON.stringify(unsafe)} in the file list`);
  return { commit: obj.sha, files };
}

/** Removes the quotes and weak marker of an HTTP ETag. */
export function normalizeEtag(raw: string): string {
  return raw.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** Reads one file's metadata with a HEAD request. */
export async function fetchFileMetadata(settings: HubSettings, repoId: string, revision: string, path: string): Promise<FileMetadata> {
  let url = resolveUrl(settings, repoId, revision, path);
  const what = `${repoId}/${path}`;
  for (let hop = 0; ; hop++) {
    const res = await hubFetch(settings, { method: 'HEAD', url, what, redirect: 'manual' });
    const location = res.headers.get('location');
    const next = res.status >= 300 && location !== null ? new URL(location, url) : undefined;
    if (next !== undefined && next.origin === new URL(url).origin && hop < MAX_RELATIVE_REDIRECTS) {
      url = next.href;
      continue;
    }
    const h = res.headers;
    const linkedEtag = h.get('x-linked-etag');
    const etagRaw = linkedEtag ?? h.get('etag');
    const commit = h.get('x-repo-commit');
    const size = Number(h.get('x-linked-size') ?? h.get('content-length'));
    if (etagRaw === null) throw badResponse(what, url, 'no ETag');
    if (commit === null || !isCommitHash(commit)) throw badResponse(what, url, 'no valid X-Repo-Commit');
    const etag = normalizeEtag(etagRaw);
    if (!SAFE_ETAG_RE.test(etag)) throw badResponse(what, url, `unusable ETag ${JSON.stringify(etag)}`);
    if (!Number.isSafeInteger(size) || size < 0) throw badResponse(what, url, 'no file size');
    return { path, commit, etag, sizeBytes: size, isLfs: linkedEtag !== null };
  }
}
