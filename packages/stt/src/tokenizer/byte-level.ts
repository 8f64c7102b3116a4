/**
 * GPT-2's byte-level alphabet: every byte 0..255 is written as one printable Unicode character so that
 * vocabulary files (`vocab.json`, `merges.txt`, `tokenizer.json`) can store arbitrary byte strings as text.
 * Printable Latin-1 bytes map to themselves; the other 68 bytes map to U+0100, U+0101, ... in byte order.
 */

/** Number of distinct byte values. */
export const BYTE_VALUES = 256;

/** Byte ranges that stand for themselves: `!`..`~`, `¡`..`¬`, `®`..`ÿ` (inclusive). */
const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x21, 0x7e],
  [0xa1, 0xac],
  [0xae, 0xff],
];

function buildByteToChar(): readonly string[] {
  const chars: string[] = new Array<string>(BYTE_VALUES);
  const printable = new Set<number>();
  for (const [lo, hi] of PRINTABLE_RANGES) for (let b = lo; b <= hi; b++) printable.add(b);
  let shifted = 0;
  for (let b = 0; b < BYTE_VALUES; b++) {
    chars[b] = String.fromCharCode(printable.has(b) ? b : BYTE_VALUES + shifted++);
  }
  return chars;
}

/** `BYTE_TO_CHAR[b]` is the one-character string that stands for byte `b`. */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

/** Highest char code of the alphabet (U+0143). */
const MAX_CHAR_CODE = Math.max(...BYTE_TO_CHAR.map((c) => c.charCodeAt(0)));
/** `CHAR_TO_BYTE[charCode]` is the byte, or -1 for characters outside the alphabet. */
const CHAR_TO_BYTE: Int16Array = (() => {
  const table = new Int16Array(MAX_CHAR_CODE + 1).fill(-1);
  BYTE_TO_CHAR.forEach((c, b) => {
    table[c.charCodeAt(0)] = b;
  });
  return table;
})();

/**
 * Bytes of a byte-level token string, or `undefined` when it contains a character outside the alphabet.
 * @example byteLevelToBytes('Ġthe') // Uint8Array [32, 116, 104, 101]
 */
export function byteLevelToBytes(token: string): Uint8Array | undefined {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = CHAR_TO_BYTE[token.charCodeAt(i)] ?? -1;
    if (b < 0) return undefined;
    out[i] = b;
  }
  return out;
}

/** Byte-level string of some bytes (inverse of {@link byteLevelToBytes}). */
export function bytesToByteLevel(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += BYTE_TO_CHAR[b];
  return s;
}
