/** The run record's model description: id, dtype and every model file's size and SHA-256 (bench requirements 9.1). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ModelManifest } from '@cephalon/stt';
import type { EngineModelInfo } from './types.js';

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Every file the manifest names (weights, external data, configs, tokenizer), without duplicates, in order. */
export function manifestFiles(m: ModelManifest): string[] {
  const d = m.decoder;
  const files = [
    m.encoderPath, ...m.encoderDataPaths, d.path, ...(d.layout === 'split' ? [d.withPastPath] : []), ...d.dataPaths,
    m.configPaths.config, m.configPaths.generation, m.configPaths.preprocessor, ...m.tokenizerPaths,
  ];
  return [...new Set(files)];
}

/** Hashes the manifest's files (streamed; a large model takes a few seconds per GB). */
export async function modelInfo(m: ModelManifest): Promise<EngineModelInfo> {
  const files = [];
  for (const path of manifestFiles(m)) {
    const s = await stat(path).catch(() => undefined);
    if (s === undefined) continue; // optional files (generation/preprocessor configs) may be absent
    files.push({ path, bytes: s.size, sha256: await sha256(path) });
  }
  const dtype = m.dtype.encoder === m.dtype.decoder ? m.dtype.encoder : `encoder=${m.dtype.encoder} decoder=${m.dtype.decoder}`;
  return { id: m.id, dtype, files };
}
