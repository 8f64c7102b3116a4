/**
 * A seeded generator of varied test strings for tokenizer parity: many scripts, emoji (ZWJ sequences, skin
 * tones, flags, keycaps), numbers in several numeral systems, whitespace runs (tabs, newlines, CR, NBSP, NEL,
 * ideographic space, trailing spaces), contractions, punctuation runs, control characters and long words.
 * Every string is valid Unicode (no lone surrogates), so `decode(encode(s)) === s` must hold.
 */

/** mulberry32: a small fast seeded PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code point ranges of scripts to draw letters from: [first, last]. */
const SCRIPT_RANGES: readonly (readonly [number, number])[] = [
  [0x61, 0x7a], [0x41, 0x5a], [0xc0, 0xff], [0x100, 0x17f], [0x180, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff],
  [0x531, 0x587], [0x5d0, 0x5ea], [0x620, 0x64a], [0x64b, 0x652], [0x900, 0x97f], [0x980, 0x9fe], [0xb80, 0xbfa],
  [0xe01, 0xe5b], [0xe81, 0xedf], [0x1000, 0x109f], [0x10a0, 0x10ff], [0x1100, 0x11ff], [0x1200, 0x137c],
  [0x1780, 0x17f9], [0x0f00, 0x0fda], [0x1820, 0x1878], [0x3041, 0x3096], [0x30a1, 0x30fa], [0x4e00, 0x9fff],
  [0xac00, 0xd7a3], [0x300, 0x36f], [0x20000, 0x2a6df], [0x1d400, 0x1d7ff], [0xff01, 0xff5e],
];
const WORDS = ['the', 'The', 'and', 'hello', 'world', 'Whisper', 'transcribe', 'naïve', 'café', 'Straße', 'über', 'год',
  'привет', 'こんにちは', '日本語', '中文', '한국어', 'مرحبا', 'שלום', 'नमस्ते', 'สวัสดี', 'ສະບາຍດີ', 'မင်္ဂလာပါ', 'γειά', 'ça', 'señor'];
const CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'x", "'", "''", "n't", '’s'];
const NUMBERS = ['0', '7', '42', '1999', '3.14159', '1,000,000', '00012', '١٢٣', '１２３', '²', '½', 'Ⅻ', '๓', '१२', '一二三', '12345678901234567890'];
const PUNCT = ['.', ',', '!', '?', '...', '!?', '--', '—', '–', '«', '»', '“', '”', '(', ')', '[[', ']]', '{', '}', '<<', '>>', '♪', '♪♪', '#', '@', '&', '*', '/', '\\', '|', '~', '`', '^', '_', '<|endoftext|>', '<|0.00|>', '»»', '。', '、', '！', '？'];
const SPACES = [' ', ' ', ' ', '  ', '   ', '\t', '\n', '\r\n', '\n\n', ' \n', '\t\t', '\u00a0', '\u3000', '\u2028', '\u0085', '\u2003', '\u200b', '\ufeff', '\u000b', '\u000c'];
const EMOJI = ['😀', '👍', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '🇯🇵', '❤️', '1️⃣', '🧑🏿‍🚀', '👩‍❤️‍💋‍👨', '🤷‍♀️', '✨', '🎉', '🙏🏻', '©', '™', '☃'];

type Pick = <T>(xs: readonly T[]) => T;

function randomLetterWord(rand: () => number, pick: Pick, maxLength: number): string {
  const [lo, hi] = pick(SCRIPT_RANGES);
  const length = 1 + Math.floor(rand() * maxLength);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
  return s;
}

/** Any Unicode scalar value except surrogates, biased towards the BMP. */
function randomScalar(rand: () => number): string {
  const max = rand() < 0.8 ? 0xffff : 0x10ffff;
  for (;;) {
    const cp = Math.floor(rand() * (max + 1));
    if (cp < 0xd800 || cp > 0xdfff) return String.fromCodePoint(cp);
  }
}

function atom(rand: () => number, pick: Pick): string {
  const r = rand();
  if (r < 0.22) return pick(WORDS);
  if (r < 0.4) return randomLetterWord(rand, pick, 12);
  if (r < 0.48) return pick(CONTRACTIONS);
  if (r < 0.56) return pick(NUMBERS);
  if (r < 0.66) return pick(PUNCT);
  if (r < 0.8) return pick(SPACES);
  if (r < 0.88) return pick(EMOJI);
  if (r < 0.93) return randomScalar(rand);
  if (r < 0.96) return String.fromCharCode(Math.floor(rand() * 32));
  if (r < 0.985) return pick(WORDS).repeat(2 + Math.floor(rand() * 40));
  return randomLetterWord(rand, pick, 300);
}

/**
 * `count` strings from `seed`: each joins 1..16 atoms, half of them separated by single spaces.
 * @example generateTexts(1, 3) // three deterministic strings
 */
export function generateTexts(seed: number, count: number): string[] {
  const rand = mulberry32(seed);
  const pick: Pick = (xs) => xs[Math.floor(rand() * xs.length)] as (typeof xs)[number];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const atoms = 1 + Math.floor(rand() * 16);
    const spaced = rand() < 0.5;
    let s = '';
    for (let i = 0; i < atoms; i++) s += (spaced && i > 0 ? ' ' : '') + atom(rand, pick);
    out.push(s);
  }
  return out;
}
