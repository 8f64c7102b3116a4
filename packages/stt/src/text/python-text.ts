/**
 * Python `str`/`re` semantics the Whisper normalisers depend on, expressed for JavaScript.
 *
 * Python 3 regexes on `str` are Unicode-aware: `\s` is any character for which `str.isspace()` is true,
 * `\w` is `str.isalnum()` or `_`, and `\b` is a boundary between those. JavaScript's `\s` differs
 * (it includes U+FEFF and lacks U+001C..U+001F and U+0085) and its `\b` is ASCII-only even with the `u` flag,
 * so the ports below build their patterns from these pieces instead.
 */

/** Body of a character class matching Python's `str.isspace()` characters. */
export const PY_SPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Python's `\s` as a JavaScript regex fragment. */
export const PY_S = `[${PY_SPACE_CLASS}]`;

/** Body of a character class matching Python's `\w` on `str` (letters, numbers, underscore). */
export const PY_WORD_CLASS = '\\p{L}\\p{N}_';

/** Python's `\b` where the next character is a word character: no word character before. */
export const PY_B_BEFORE_WORD = `(?<![${PY_WORD_CLASS}])`;

/** Python's `\b` where the previous character is a word character: no word character after. */
export const PY_B_AFTER_WORD = `(?![${PY_WORD_CLASS}])`;

const SPACE_RUN = new RegExp(`${PY_S}+`, 'gu');
const LEADING_SPACE = new RegExp(`^${PY_S}+`, 'u');
const TRAILING_SPACE = new RegExp(`${PY_S}+$`, 'u');

/** Python's `s.split()` with no argument: split on whitespace runs, dropping empty strings. */
export function pySplit(s: string): string[] {
  return s.split(SPACE_RUN).filter((w) => w.length > 0);
}

/** Python's `s.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Python's `re.sub(r"\s+", " ", s)`. */
export function pyCollapseSpaces(s: string): string {
  return s.replace(SPACE_RUN, ' ');
}

/** Number of code points, as Python's `len()` counts a `str`. */
export function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Value 0..9 of a Unicode decimal digit (category Nd), as Python's `int()` reads it; -1 otherwise.
 * Unicode guarantees Nd characters come in contiguous runs of ten, 0 to 9, so the value is the
 * offset from the start of the run modulo 10.
 */
export function decimalDigitValue(ch: string): number {
  const cp = ch.codePointAt(0);
  if (cp === undefined || !DECIMAL_DIGIT.test(ch)) return -1;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (cp - start) % 10;
}

/** Converts every Unicode decimal digit in `s` to ASCII (so `BigInt` can parse what Python's `int()` accepts). */
export function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const v = decimalDigitValue(ch);
    out += v >= 0 ? String(v) : ch;
  }
  return out;
}
