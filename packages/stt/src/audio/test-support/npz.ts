/**
 * Minimal reader for NumPy `.npz` archives (zip of `.npy` files, stored or deflated) holding little-endian
 * float32 arrays. Test and parity-script support only; not part of the public API.
 */
import { inflateRawSync } from 'node:zlib';

export interface NpyArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

function parseNpy(bytes: Uint8Array): NpyArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  if (!header.includes("'descr': '<f4'") || header.includes("'fortran_order': True")) {
    throw new Error(`unsupported npy header: ${header}`);
  }
  const shapeText = /'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const body = bytes.slice(headerStart + headerLength);
  return { shape, data: new Float32Array(body.buffer, body.byteOffset, body.byteLength / 4) };
}

/** Reads every `.npy` member of an `.npz` archive, keyed by name without the `.npy` suffix. */
export function readNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== END_OF_CENTRAL) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out = new Map<string, NpyArray>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL_HEADER) throw new Error('bad zip central directory');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (view.getUint32(localOffset, true) !== LOCAL_HEADER) throw new Error('bad zip local header');
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    const npy = method === 0 ? raw : new Uint8Array(inflateRawSync(raw));
    out.set(name.replace(/\.npy$/, ''), parseNpy(npy));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}
