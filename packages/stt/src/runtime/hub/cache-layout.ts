/**
 * The Hugging Face cache layout, shared with huggingface_hub and transformers:
 * ```
 * {cacheDir}/models--{org}--{name}/
 *   blobs/{etag}                       file contents, named by sha256 (LFS files) or git blob sha1
 *   blobs/{etag}.incomplete            a download in progress (resumed with an HTTP Range request)
 *   refs/{revision}                    text file holding the commit a branch or tag pointed to
 *   snapshots/{commit}/{path}          relative symlink to ../../blobs/{etag} (one level deeper per folder)
 * ```
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Full git commit hashes are 40 hex digits. */
const COMMIT_RE = /^[0-9a-f]{40}$/;

/** True when `revision` is a full commit hash rather than a branch or tag. */
export function isCommitHash(revision: string): boolean {
  return COMMIT_RE.test(revision);
}

/** `models--{org}--{name}` for `org/name`. */
export function repoFolderName(repoId: string): string {
  return `models--${repoId.split('/').join('--')}`;
}

/** `org/name` for `models--org--name`, or undefined for other folder names. */
export function repoIdFromFolder(folder: string): string | undefined {
  if (!folder.startsWith('models--')) return undefined;
  const parts = folder.slice('models--'.length).split('--');
  return parts.length >= 2 ? `${parts[0] ?? ''}/${parts.slice(1).join('--')}` : undefined;
}

/** Paths of one repository's cache folder. */
export class RepoCache {
  readonly root: string;
  constructor(
    readonly cacheDir: string,
    readonly repoId: string,
  ) {
    this.root = join(cacheDir, repoFolderName(repoId));
  }

  blobPath(etag: string): string {
    return join(this.root, 'blobs', etag);
  }

  incompletePath(etag: string): string {
    return `${this.blobPath(etag)}.incomplete`;
  }

  snapshotDir(commit: string): string {
    return join(this.root, 'snapshots', commit);
  }

  /** Absolute path of a repository-relative file inside a snapshot. */
  snapshotFile(commit: string, repoPath: string): string {
    return join(this.snapshotDir(commit), ...repoPath.split('/'));
  }

  refPath(revision: string): string {
    return join(this.root, 'refs', ...revision.split('/'));
  }

  /** The commit a revision points to in the cache: the revision itself for a commit hash, else `refs/{revision}`. */
  async readRef(revision: string): Promise<string | undefined> {
    if (isCommitHash(revision)) return revision;
    try {
      const commit = (await readFile(this.refPath(revision), 'utf8')).trim();
      return isCommitHash(commit) ? commit : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records that `revision` points to `commit` (no-op for commit hashes), atomically. */
  async writeRef(revision: string, commit: string): Promise<void> {
    if (isCommitHash(revision)) return;
    const path = this.refPath(revision);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, commit);
    await rename(tmp, path);
  }

  /** Size of a complete blob, or undefined when absent. */
  async blobSize(etag: string): Promise<number | undefined> {
    try {
      return (await stat(this.blobPath(etag))).size;
    } catch {
      return undefined;
    }
  }

  /** Size of the file a snapshot entry resolves to, or undefined when the entry or its blob is missing. */
  async snapshotFileSize(commit: string, repoPath: string): Promise<number | undefined> {
    try {
      return (await stat(this.snapshotFile(commit, repoPath))).size;
    } catch {
      return undefined;
    }
  }

  /** Points `snapshots/{commit}/{repoPath}` at `blobs/{etag}` with a relative symlink (replacing any old entry). */
  async linkSnapshot(commit: string, repoPath: string, etag: string): Promise<string> {
    const link = this.snapshotFile(commit, repoPath);
    await mkdir(dirname(link), { recursive: true });
    const target = relative(dirname(link), this.blobPath(etag));
    try {
      if ((await lstat(link)).isSymbolicLink() && (await readlink(link)) === target) return link;
      await rm(link, { force: true });
    } catch {
      // no entry yet
    }
    try {
      await symlink(target, link);
    } catch (error) {
      // a concurrent pull linked it first: fine when it points at the same blob
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || (await readlink(link)) !== target) throw error;
    }
    return link;
  }
}
