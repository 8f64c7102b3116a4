export { cleanupRepetitions, cleanupText, type CleanupResult } from './cleanup.js';
export { compressionRatio } from './compression.js';
export { DEFAULT_CLEANUP, type CleanupOptions, type Removal, type RemovalKind } from './types.js';
