/** Whisper's compression-ratio measure: UTF-8 bytes over zlib-compressed bytes; loops compress well. */
import { deflateSync } from 'node:zlib';

/** Ratio of `text`'s UTF-8 length to its zlib-compressed length (1 for empty text). */
export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return 1;
  return bytes.length / deflateSync(bytes).length;
}
