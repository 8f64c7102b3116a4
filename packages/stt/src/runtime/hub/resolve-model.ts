/**
 * `resolveModel`: the one call the engine uses to get a model: a local folder if the name is one, else the cache,
 * else a download.
 */
import { resolveRepoId } from '../model/aliases.js';
import { normalizeDtype } from '../model/dtype.js';
import { existingFolder, resolveManifest } from '../model/manifest.js';
import type { ModelManifest } from '../model/manifest.js';
import { resolveCached } from './cache-read.js';
import { offlineMissError } from './download-errors.js';
import { hubSettings } from './hub-settings.js';
import { pullModel } from './pull.js';
import type { PullOptions } from './pull.js';

/**
 * Resolves a local folder, an alias (`tiny.en`) or a Hub id (`onnx-community/whisper-tiny.en`) to a manifest:
 * 1. an existing folder is used as is (no network);
 * 2. a model whose revision and dtype files are all in the cache is used without any network request;
 * 3. otherwise the needed files are downloaded (unless offline: then DownloadError HUB_OFFLINE_MISS).
 * @example const manifest = await resolveModel('tiny.en', { dtype: 'q8', onProgress: console.log });
 */
export async function resolveModel(idOrAliasOrFolder: string, options: PullOptions = {}): Promise<ModelManifest> {
  const dtype = normalizeDtype(options.dtype);
  const layout = options.decoderLayout ?? 'auto';
  const folder = await existingFolder(idOrAliasOrFolder);
  if (folder !== undefined) return resolveManifest(folder, { dtype, decoderLayout: layout });
  const repoId = resolveRepoId(idOrAliasOrFolder);
  const s = hubSettings(options);
  const cached = await resolveCached(repoId, s, dtype, layout);
  if (cached.manifest !== undefined) return cached.manifest;
  if (s.offline) throw offlineMissError(repoId, s.cacheDir, cached.reason);
  return (await pullModel(repoId, options)).manifest;
}
