/**
 * jiwer 4.0 default tokenisation. Words (`wer_default`): collapse runs of two or more whitespace characters
 * to one space, strip, split on " " (a single tab stays inside a word, as in jiwer). Characters
 * (`cer_default`): strip, then every code point (spaces included) is a token.
 * "Whitespace" is Python's `str.isspace()` set, as jiwer's regexes and `str.strip()` use it.
 */

const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const MULTI_SPACE = new RegExp(`${PY_SPACE}${PY_SPACE}+`, 'gu');
const EDGE_SPACE = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'gu');

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(EDGE_SPACE, '');
}

/** jiwer `wer_default`: the words of one sentence. */
export function wordTokens(s: string): string[] {
  return pyStrip(s.replace(MULTI_SPACE, ' '))
    .split(' ')
    .filter((w) => w.length > 0);
}

/** jiwer `cer_default`: the code points of one stripped sentence. */
export function charTokens(s: string): string[] {
  return Array.from(pyStrip(s));
}

/** Code points counted like Python's `len()`. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/**
 * Maps two token lists to integer ids (same token, same id) so alignment compares numbers.
 * @returns `[refIds, hypIds]`, each `Int32Array` of the list's length.
 */
export function toIds(ref: readonly string[], hyp: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const encode = (tokens: readonly string[]): Int32Array => {
    const out = new Int32Array(tokens.length);
    tokens.forEach((t, i) => {
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
      }
      out[i] = id;
    });
    return out;
  };
  return [encode(ref), encode(hyp)];
}
