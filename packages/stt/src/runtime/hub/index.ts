/** Hugging Face Hub downloads into the shared Hugging Face cache, and the model functions the CLI uses. */
export { resolveModel } from './resolve-model.js';
export { pullModel } from './pull.js';
export type { DownloadProgress, PulledFile, PullOptions, PullResult } from './pull.js';
export { listCachedModels, modelPath, removeModel } from './cache-read.js';
export type { CachedModel, CachedSnapshot, RemoveResult } from './cache-read.js';
export { DEFAULT_ENDPOINT, DEFAULT_REVISION, hubCacheDir, hubSettings } from './hub-settings.js';
export type { HubEnv, HubOptions, HubSettings } from './hub-settings.js';
export { DOWNLOAD_ERROR_CODES, formatBytes } from './download-errors.js';
export { repoFolderName } from './cache-layout.js';
