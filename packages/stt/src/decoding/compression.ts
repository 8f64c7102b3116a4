/**
 * OpenAI's `compression_ratio`: UTF-8 bytes of the text divided by the size of `zlib.compress(bytes)` (level 6).
 * Node's bundled zlib (Chromium's fork, 1.3.x) finds different matches than the reference zlib 1.2.13 and gives
 * different sizes, which moves the fallback threshold; pako is a line-by-line port of zlib 1.2.x and gives
 * byte-identical output (`npm run parity:zlib` compares the sizes with CPython's `zlib.compress`).
 */
import { deflate } from 'pako';

/** zlib compression level of Python's `zlib.compress` default. */
const ZLIB_DEFAULT_LEVEL = 6;

/** `len(text.encode()) / len(zlib.compress(text.encode()))`; high values mean repetitive text. */
export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length / deflate(bytes, { level: ZLIB_DEFAULT_LEVEL }).length;
}
