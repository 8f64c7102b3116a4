/**
 * GPT-2's pre-tokenizer: splits text into the pieces that byte-pair encoding works on, one at a time.
 *
 * Pattern (as in GPT-2 and tiktoken's `gpt2`/Whisper encodings):
 * `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
 *
 * `\s` is spelled out as Unicode's `White_Space` property (what tiktoken's Rust regex means by `\s`), because
 * JavaScript's `\s` differs: it lacks U+0085 (NEXT LINE) and adds U+FEFF (BYTE ORDER MARK).
 */

/** Unicode `White_Space` code points, as a character-class body. */
const WHITE_SPACE = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** The GPT-2 pattern with JavaScript syntax; `u` for code points and `\p{...}`, `g` to iterate. */
export const GPT2_PRETOKENIZE_PATTERN = new RegExp(
  [
    "'(?:[sdmt]|ll|ve|re)",
    ' ?\\p{L}+',
    ' ?\\p{N}+',
    ` ?[^${WHITE_SPACE}\\p{L}\\p{N}]+`,
    `[${WHITE_SPACE}]+(?![^${WHITE_SPACE}])`,
    `[${WHITE_SPACE}]+`,
  ].join('|'),
  'gu',
);

/**
 * The pieces of `text`, in order; their concatenation is `text`.
 * @example preTokenize("I'll go  now") // ['I', "'ll", ' go', ' ', ' now']
 */
export function preTokenize(text: string): string[] {
  const pieces: string[] = [];
  // matchAll iterates over a copy of the pattern, so the shared `lastIndex` is never touched.
  for (const m of text.matchAll(GPT2_PRETOKENIZE_PATTERN)) pieces.push(m[0]);
  return pieces;
}
