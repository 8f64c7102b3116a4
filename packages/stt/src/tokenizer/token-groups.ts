/**
 * Grouping of decoded tokens into characters and words, as OpenAI's tokenizer does for word timestamps:
 * `split_tokens_on_unicode`, `split_tokens_on_spaces` and `split_to_word_tokens`.
 */

/** Some tokens and the text they decode to together. */
export interface TokenGroup {
  readonly text: string;
  readonly tokens: readonly number[];
}

/** What the grouping needs from a tokenizer. */
export interface GroupingDecoder {
  /** `[n]` ids -> text with timestamps rendered, bad UTF-8 as U+FFFD. */
  decodeWithTimestamps(ids: readonly number[]): string;
  /** Whether an id is a special or timestamp token (OpenAI: `id >= eot`). */
  isSpecial(id: number): boolean;
}

/** Languages written without spaces between words: split at character boundaries instead. */
export const LANGUAGES_WITHOUT_SPACES: ReadonlySet<string> = new Set(['zh', 'ja', 'th', 'lo', 'my', 'yue']);

/** Python's `string.punctuation`. */
const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Code points Python's `str.strip()` removes (`str.isspace()`): U+0009..U+000D, U+001C..U+0020, ... */
const PY_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Python's `str.strip()` (JavaScript's `trim()` differs: it keeps U+001C..U+001F and U+0085, removes U+FEFF). */
export function pythonStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_SPACE.has(s.charCodeAt(start))) start++;
  while (end > start && PY_SPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
const REPLACEMENT = '\ufffd';

/**
 * Splits ids into the shortest groups that decode to whole characters: a token that ends inside a multi-byte
 * UTF-8 character joins the next ones until the character is complete. A U+FFFD that the full decode also has
 * (invalid bytes, not a split character) closes its group. Concatenated texts equal the full decode.
 */
export function splitTokensOnUnicode(decoder: GroupingDecoder, ids: readonly number[]): TokenGroup[] {
  const full = decoder.decodeWithTimestamps(ids);
  const groups: TokenGroup[] = [];
  let current: number[] = [];
  let offset = 0;
  for (const id of ids) {
    current.push(id);
    const decoded = decoder.decodeWithTimestamps(current);
    const bad = decoded.indexOf(REPLACEMENT);
    if (bad < 0 || full.charAt(offset + bad) === REPLACEMENT) {
      groups.push({ text: decoded, tokens: current });
      current = [];
      offset += decoded.length;
    }
  }
  // OpenAI drops an unfinished tail; keep it so that no token is lost.
  if (current.length > 0) groups.push({ text: decoder.decodeWithTimestamps(current), tokens: current });
  return groups;
}

/**
 * Joins character groups into words: a new word starts at a special token, at a group that begins with a
 * space, or at ASCII punctuation; other groups attach to the previous word.
 */
export function splitTokensOnSpaces(decoder: GroupingDecoder, ids: readonly number[]): TokenGroup[] {
  const words: { text: string; tokens: number[] }[] = [];
  for (const group of splitTokensOnUnicode(decoder, ids)) {
    const special = group.tokens[0] !== undefined && decoder.isSpecial(group.tokens[0]);
    const withSpace = group.text.startsWith(' ');
    // Python's `x in string.punctuation` is a substring test (true for '' as well); kept as is.
    const punctuation = ASCII_PUNCTUATION.includes(pythonStrip(group.text));
    const last = words[words.length - 1];
    if (special || withSpace || punctuation || last === undefined) {
      words.push({ text: group.text, tokens: [...group.tokens] });
    } else {
      last.text += group.text;
      last.tokens.push(...group.tokens);
    }
  }
  return words;
}

/** Words for word-level timestamps: character groups for zh/ja/th/lo/my/yue, space-separated words otherwise. */
export function splitToWordTokens(decoder: GroupingDecoder, ids: readonly number[], language: string): TokenGroup[] {
  return LANGUAGES_WITHOUT_SPACES.has(language) ? splitTokensOnUnicode(decoder, ids) : splitTokensOnSpaces(decoder, ids);
}

/**
 * Text of each token alone, with partial UTF-8 kept correct: the token that completes a multi-byte character
 * carries it, the tokens before it in that character get ''. `[n]` texts whose concatenation is the full decode.
 */
export function tokenTexts(decoder: GroupingDecoder, ids: readonly number[]): string[] {
  const out: string[] = [];
  for (const group of splitTokensOnUnicode(decoder, ids)) {
    for (let i = 0; i < group.tokens.length - 1; i++) out.push('');
    out.push(group.text);
  }
  return out;
}
