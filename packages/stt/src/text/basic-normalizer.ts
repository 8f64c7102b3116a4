/**
 * Port of Whisper's `BasicTextNormalizer` (`whisper/normalizers/basic.py`), used for non-English text.
 */
import { pyCollapseSpaces } from './python-text.js';
import { removeSymbols, removeSymbolsAndDiacritics } from './symbols.js';
import { WHISPER_NORMALIZERS_VERSION, type TextNormalizer } from './types.js';

/** Options of {@link createBasicNormalizer}, named as in Python. */
export interface BasicNormalizerOptions {
  /** Drop diacritics after NFKD (`café` -> `cafe`) instead of keeping them (NFKC). Default false. */
  readonly removeDiacritics?: boolean;
  /** Separate every grapheme cluster by a space (for languages written without spaces). Default false. */
  readonly splitLetters?: boolean;
}

/** Spans in angle or square brackets: `[MUSIC]`, `<unk>`. */
export const BRACKET_SPAN = /[<[][^>\]]*[>\]]/g;
/** Spans in parentheses: `(laughs)`. */
export const PAREN_SPAN = /\(([^)]+?)\)/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Python `regex.findall(r"\X", s)` joined by spaces. */
function splitGraphemes(s: string): string {
  return Array.from(graphemes.segment(s), (g) => g.segment).join(' ');
}

/** Normaliser name for the given options: `whisper-basic`, `whisper-basic-nodiacritics`, `...-split`. */
function basicName(options: BasicNormalizerOptions): string {
  return `whisper-basic${options.removeDiacritics === true ? '-nodiacritics' : ''}${options.splitLetters === true ? '-split' : ''}`;
}

/**
 * Whisper's basic normaliser: lower-case, remove bracketed and parenthesised spans, replace symbols and
 * punctuation by spaces, collapse whitespace. Leading/trailing spaces are kept, as in Python.
 * @example createBasicNormalizer().normalize('[noise] Hello (laugh) world.') // ' hello world '
 */
export function createBasicNormalizer(options: BasicNormalizerOptions = {}): TextNormalizer {
  const clean = options.removeDiacritics === true ? (s: string) => removeSymbolsAndDiacritics(s) : removeSymbols;
  const split = options.splitLetters === true;
  return {
    name: basicName(options),
    version: WHISPER_NORMALIZERS_VERSION,
    normalize(text: string): string {
      let s = text.toLowerCase();
      s = s.replace(BRACKET_SPAN, '');
      s = s.replace(PAREN_SPAN, '');
      s = clean(s).toLowerCase();
      if (split) s = splitGraphemes(s);
      return pyCollapseSpaces(s);
    },
  };
}
