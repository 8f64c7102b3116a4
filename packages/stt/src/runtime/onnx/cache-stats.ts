import type { KvCache } from '../types.js';
import { OnnxKvCache } from './kv-cache.js';
import type { KvCacheStats } from './kv-cache.js';

/**
 * Copy counters of a cache made by the ONNX decoder (bytes copied by `reorder()`, one-time tiling, buffer allocations),
 * or null for another backend's cache. For benchmarks.
 */
export function kvCacheStats(cache: KvCache): Readonly<KvCacheStats> | null {
  return cache instanceof OnnxKvCache ? { ...cache.stats } : null;
}
