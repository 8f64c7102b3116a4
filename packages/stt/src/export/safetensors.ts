/**
 * Reads safetensors checkpoints: one `model.safetensors`, or shards listed by `model.safetensors.index.json`.
 * The format is an 8-byte little-endian header length, a JSON header (name -> dtype, shape, byte offsets) and the raw
 * little-endian tensor bytes. It is small enough to read here directly (no npm reader is maintained for Node);
 * F32, F16 and BF16 tensors are returned as float32.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ModelCorruptError, ModelNotFoundError } from '../core/errors.js';

/** One tensor, as float32, row-major. */
export interface FloatTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Every tensor of a checkpoint by name. */
export type TensorMap = ReadonlyMap<string, FloatTensor>;

interface HeaderEntry {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data_offsets: readonly [number, number];
}

const BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2 };

function corrupt(file: string, problem: string): ModelCorruptError {
  return new ModelCorruptError('SAFETENSORS_CORRUPT', `${file}: ${problem}`, {
    hint: 'Re-download or re-save the checkpoint (safetensors, float32/float16/bfloat16 tensors).',
    details: { file },
  });
}

/** IEEE half -> float32. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function decode(bytes: Buffer, dtype: string, count: number): Float32Array {
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    new Uint8Array(out.buffer).set(bytes);
  } else if (dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(bytes.readUInt16LE(i * 2));
  } else {
    const u32 = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) u32[i] = bytes.readUInt16LE(i * 2) << 16;
  }
  return out;
}

/** Reads every tensor of one `.safetensors` file. */
export function readSafetensorsFile(file: string): Map<string, FloatTensor> {
  if (!existsSync(file)) throw new ModelNotFoundError('CHECKPOINT_NOT_FOUND', `${file} does not exist`, { hint: 'Point to a folder with model.safetensors + config.json.', details: { file } });
  const buf = readFileSync(file);
  if (buf.length < 8) throw corrupt(file, 'shorter than the 8-byte header length');
  const headerLen = Number(buf.readBigUInt64LE(0));
  if (headerLen <= 0 || 8 + headerLen > buf.length) throw corrupt(file, `header length ${headerLen} does not fit in ${buf.length} bytes`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(buf.subarray(8, 8 + headerLen).toString('utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw corrupt(file, `header is not JSON (${(cause as Error).message})`);
  }
  const base = 8 + headerLen;
  const out = new Map<string, FloatTensor>();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const e = value as HeaderEntry;
    const size = BYTES[e.dtype];
    if (size === undefined) throw corrupt(file, `tensor ${name} has dtype ${e.dtype}; only F32, F16 and BF16 are read`);
    const count = e.shape.reduce((a, b) => a * b, 1);
    const [start, end] = e.data_offsets;
    if (end - start !== count * size || base + end > buf.length) throw corrupt(file, `tensor ${name} bytes ${start}..${end} do not match shape [${e.shape.join(', ')}]`);
    out.set(name, { shape: [...e.shape], data: decode(buf.subarray(base + start, base + end), e.dtype, count) });
  }
  return out;
}

/**
 * Reads a checkpoint: a `.safetensors` file, or a folder holding `model.safetensors` or a sharded
 * `model.safetensors.index.json` (its `weight_map` names the shard of each tensor).
 */
export function readSafetensors(path: string): TensorMap {
  if (path.endsWith('.safetensors')) return readSafetensorsFile(path);
  if (path.endsWith('.index.json') || existsSync(join(path, 'model.safetensors.index.json'))) {
    const indexFile = path.endsWith('.index.json') ? path : join(path, 'model.safetensors.index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { weight_map?: Record<string, string> };
    if (index.weight_map === undefined) throw corrupt(indexFile, 'has no "weight_map"');
    const out = new Map<string, FloatTensor>();
    for (const shard of new Set(Object.values(index.weight_map))) {
      for (const [name, t] of readSafetensorsFile(join(dirname(indexFile), shard))) out.set(name, t);
    }
    const missing = Object.keys(index.weight_map).filter((n) => !out.has(n));
    if (missing.length > 0) throw corrupt(indexFile, `shards lack ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ' ...' : ''}`);
    return out;
  }
  return readSafetensorsFile(join(path, 'model.safetensors'));
}
