/**
 * Symbol and diacritic removal of Whisper's `basic.py` (`remove_symbols_and_diacritics`, `remove_symbols`).
 * Unicode categories: `Mn` nonspacing marks, `M` marks, `S` symbols, `P` punctuation.
 */

/** Non-ASCII letters that NFKD does not decompose, with their Whisper replacements. */
const ADDITIONAL_DIACRITICS: Readonly<Record<string, string>> = {
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ẞ: 'SS',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'th',
  ł: 'l',
  Ł: 'L',
};

const ADDITIONAL_KEYS = Object.keys(ADDITIONAL_DIACRITICS).join('');
/** Every character `remove_symbols_and_diacritics` may change: marks, symbols, punctuation, the extra letters. */
const DIACRITIC_OR_SYMBOL = new RegExp(`[\\p{M}\\p{S}\\p{P}${ADDITIONAL_KEYS}]`, 'gu');
const NONSPACING_MARK = /^\p{Mn}$/u;
const MARK_SYMBOL_PUNCT = /[\p{M}\p{S}\p{P}]/gu;

/**
 * NFKD-decomposes `s`, drops nonspacing marks (diacritics), maps the extra letters (`ø` -> `o`, `ß` -> `ss`),
 * and replaces other marks, symbols and punctuation with a space, except the characters in `keep`.
 * @example removeSymbolsAndDiacritics('Café, naïve!') // 'Cafe  naive '
 */
export function removeSymbolsAndDiacritics(s: string, keep = ''): string {
  return s.normalize('NFKD').replace(DIACRITIC_OR_SYMBOL, (c) => {
    if (keep.includes(c)) return c;
    const mapped = ADDITIONAL_DIACRITICS[c];
    if (mapped !== undefined) return mapped;
    return NONSPACING_MARK.test(c) ? '' : ' ';
  });
}

/**
 * NFKC-composes `s` and replaces marks, symbols and punctuation with a space, keeping composed diacritics.
 * @example removeSymbols('Café, naïve!') // 'café  naïve ' (before lower-casing)
 */
export function removeSymbols(s: string): string {
  return s.normalize('NFKC').replace(MARK_SYMBOL_PUNCT, ' ');
}
