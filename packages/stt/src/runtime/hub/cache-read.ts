/**
 * Reading and pruning the cache without the network: what is cached, where a model's snapshot is, removing a model.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelNotFoundError } from '../../core/errors.js';
import { aliasNames, aliasRepo, resolveRepoId } from '../model/aliases.js';
import type { ComponentDtypes, ModelDtype } from '../model/dtype.js';
import { existingFolder, isDirectory, listModelFolder, resolveManifest } from '../model/manifest.js';
import type { ModelManifest } from '../model/manifest.js';
import { availableDtypes } from '../model/model-files.js';
import type { DecoderLayoutOption } from '../model/model-files.js';
import { RepoCache, repoFolderName, repoIdFromFolder } from './cache-layout.js';
import { hubSettings } from './hub-settings.js';
import type { HubOptions, HubSettings } from './hub-settings.js';

/** One snapshot (commit) of a cached model. */
export interface CachedSnapshot {
  readonly commit: string;
  readonly dir: string;
  /** Dtypes whose encoder and decoder are both in this snapshot. */
  readonly dtypes: readonly ModelDtype[];
}

/** One cached model repository. */
export interface CachedModel {
  readonly id: string;
  /** Aliases naming this repository (`tiny.en`), if any. */
  readonly aliases: readonly string[];
  /** `{cacheDir}/models--{org}--{name}`. */
  readonly dir: string;
  /** Bytes of complete blobs. */
  readonly sizeBytes: number;
  /** Bytes of unfinished downloads (`*.incomplete`), resumed by the next pull. */
  readonly incompleteBytes: number;
  /** Branch or tag -> commit. */
  readonly refs: Readonly<Record<string, string>>;
  readonly snapshots: readonly CachedSnapshot[];
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** A cache lookup: the manifest, or why there is none (undefined reason: the revision was never pulled). */
export type CacheLookup = { readonly manifest: ModelManifest } | { readonly manifest: undefined; readonly reason: ModelNotFoundError | undefined };

/** Looks a model up in the cache; a missing file of the dtype is a miss (with its reason), a corrupt file throws. */
export async function resolveCached(repoId: string, s: HubSettings, dtype: ComponentDtypes, layout: DecoderLayoutOption): Promise<CacheLookup> {
  const cache = new RepoCache(s.cacheDir, repoId);
  const commit = await cache.readRef(s.revision);
  if (commit === undefined || !(await isDirectory(cache.snapshotDir(commit)))) return { manifest: undefined, reason: undefined };
  try {
    return { manifest: await resolveManifest(cache.snapshotDir(commit), { id: repoId, dtype, decoderLayout: layout, source: 'cache', commit }) };
  } catch (error) {
    if (error instanceof ModelNotFoundError) return { manifest: undefined, reason: error };
    throw error;
  }
}

async function blobBytes(blobsDir: string): Promise<{ complete: number; incomplete: number }> {
  let complete = 0;
  let incomplete = 0;
  for (const name of await names(blobsDir)) {
    const size = (await stat(join(blobsDir, name))).size;
    if (name.endsWith('.incomplete')) incomplete += size;
    else complete += size;
  }
  return { complete, incomplete };
}

async function describeRepo(cacheDir: string, folder: string, id: string): Promise<CachedModel> {
  const cache = new RepoCache(cacheDir, id);
  const refs: Record<string, string> = {};
  for (const ref of await names(join(cache.root, 'refs'))) {
    const commit = await cache.readRef(ref);
    if (commit !== undefined) refs[ref] = commit;
  }
  const snapshots: CachedSnapshot[] = [];
  for (const commit of await names(join(cache.root, 'snapshots'))) {
    const dir = cache.snapshotDir(commit);
    snapshots.push({ commit, dir, dtypes: availableDtypes(await listModelFolder(dir)) });
  }
  const bytes = await blobBytes(join(cache.root, 'blobs'));
  const aliases = aliasNames().filter((a) => aliasRepo(a) === id);
  return { id, aliases, dir: join(cacheDir, folder), sizeBytes: bytes.complete, incompleteBytes: bytes.incomplete, refs, snapshots };
}

/**
 * Lists the model repositories in the cache (all of them, Whisper or not), sorted by id.
 * @example for (const m of await listCachedModels()) console.log(m.id, m.sizeBytes);
 */
export async function listCachedModels(options: HubOptions = {}): Promise<CachedModel[]> {
  const { cacheDir } = hubSettings(options);
  const out: CachedModel[] = [];
  for (const folder of await names(cacheDir)) {
    const id = repoIdFromFolder(folder);
    if (id !== undefined && (await isDirectory(join(cacheDir, folder)))) out.push(await describeRepo(cacheDir, folder, id));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The folder holding a model: a local folder as given (absolute), else the cached snapshot of the revision.
 * Throws ModelNotFoundError when the model is not cached. Never uses the network.
 */
export async function modelPath(idOrAliasOrFolder: string, options: HubOptions = {}): Promise<string> {
  const folder = await existingFolder(idOrAliasOrFolder);
  if (folder !== undefined) return folder;
  const s = hubSettings(options);
  const repoId = resolveRepoId(idOrAliasOrFolder);
  const cache = new RepoCache(s.cacheDir, repoId);
  const commit = await cache.readRef(s.revision);
  if (commit !== undefined && (await isDirectory(cache.snapshotDir(commit)))) return cache.snapshotDir(commit);
  throw new ModelNotFoundError('MODEL_NOT_CACHED', `${repoId}@${s.revision} is not in the cache ${s.cacheDir}`, {
    hint: `Download it first: cephalon models pull ${idOrAliasOrFolder}`,
    details: { model: repoId, revision: s.revision, cacheDir: s.cacheDir },
  });
}

/** What `removeModel` removed. */
export interface RemoveResult {
  readonly id: string;
  readonly removed: boolean;
  /** Bytes of blobs (complete and unfinished) deleted. */
  readonly freedBytes: number;
}

/** Deletes a model repository (all revisions and unfinished downloads) from the cache. */
export async function removeModel(idOrAlias: string, options: HubOptions = {}): Promise<RemoveResult> {
  const { cacheDir } = hubSettings(options);
  const id = resolveRepoId(idOrAlias);
  const folder = repoFolderName(id);
  const root = join(cacheDir, folder);
  if (!(await isDirectory(root))) return { id, removed: false, freedBytes: 0 };
  const bytes = await blobBytes(join(root, 'blobs'));
  await rm(root, { recursive: true, force: true });
  await rm(join(cacheDir, '.locks', folder), { recursive: true, force: true });
  return { id, removed: true, freedBytes: bytes.complete + bytes.incomplete };
}
