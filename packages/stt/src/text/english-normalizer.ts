/**
 * Port of Whisper's `EnglishTextNormalizer` (`whisper/normalizers/english.py`), the normaliser of the
 * Open ASR Leaderboard: lower-case, drop bracketed spans and fillers, expand contractions and titles,
 * standardise numbers and British spellings, remove symbols and diacritics.
 */
import { BRACKET_SPAN, PAREN_SPAN } from './basic-normalizer.js';
import { normalizeEnglishNumbers } from './number-normalizer.js';
import { PY_B_AFTER_WORD, PY_B_BEFORE_WORD, PY_S, pyCollapseSpaces } from './python-text.js';
import { applySpellings, type SpellingMap } from './spelling-normalizer.js';
import { removeSymbolsAndDiacritics } from './symbols.js';
import { WHISPER_NORMALIZERS_VERSION, type TextNormalizer } from './types.js';

/** Compiles a Python pattern whose `\b` sit next to word characters: a leading `\b` looks behind, others ahead. */
function pyWordPattern(source: string): RegExp {
  const body = source.startsWith('\\b') ? PY_B_BEFORE_WORD + source.slice(2) : source;
  return new RegExp(body.replaceAll('\\b', PY_B_AFTER_WORD), 'gu');
}

const FILLERS = pyWordPattern('\\b(hmm|mm|mhm|mmm|uh|um)\\b');
const SPACE_BEFORE_APOSTROPHE = new RegExp(`${PY_S}+'`, 'gu');
const DIGIT_COMMA_DIGIT = /(\p{Nd}),(\p{Nd})/gu;
const PERIOD_NOT_BEFORE_DIGIT = /\.([^0-9]|$)/g;
const SYMBOL_NOT_BEFORE_DIGIT = /[.$¢€£]([^0-9])/g;
const PERCENT_NOT_AFTER_DIGIT = /([^0-9])%/g;
/** Symbols kept through symbol removal because numbers use them. */
const NUMERIC_SYMBOLS = '.%$¢€£';

/** Upstream replacement table, in upstream order (order matters: perfect tenses before generic `'s`). */
const REPLACERS: readonly (readonly [RegExp, string])[] = (
  [
    // common contractions
    ["\\bwon't\\b", 'will not'], ["\\bcan't\\b", 'can not'], ["\\blet's\\b", 'let us'], ["\\bain't\\b", 'aint'],
    ["\\by'all\\b", 'you all'], ['\\bwanna\\b', 'want to'], ['\\bgotta\\b', 'got to'], ['\\bgonna\\b', 'going to'],
    ["\\bi'ma\\b", 'i am going to'], ['\\bimma\\b', 'i am going to'], ['\\bwoulda\\b', 'would have'],
    ['\\bcoulda\\b', 'could have'], ['\\bshoulda\\b', 'should have'], ["\\bma'am\\b", 'madam'],
    // contractions in titles/prefixes
    ['\\bmr\\b', 'mister '], ['\\bmrs\\b', 'missus '], ['\\bst\\b', 'saint '], ['\\bdr\\b', 'doctor '],
    ['\\bprof\\b', 'professor '], ['\\bcapt\\b', 'captain '], ['\\bgov\\b', 'governor '], ['\\bald\\b', 'alderman '],
    ['\\bgen\\b', 'general '], ['\\bsen\\b', 'senator '], ['\\brep\\b', 'representative '], ['\\bpres\\b', 'president '],
    ['\\brev\\b', 'reverend '], ['\\bhon\\b', 'honorable '], ['\\basst\\b', 'assistant '], ['\\bassoc\\b', 'associate '],
    ['\\blt\\b', 'lieutenant '], ['\\bcol\\b', 'colonel '], ['\\bjr\\b', 'junior '], ['\\bsr\\b', 'senior '],
    ['\\besq\\b', 'esquire '],
    // perfect tenses
    ["'d been\\b", ' had been'], ["'s been\\b", ' has been'], ["'d gone\\b", ' had gone'], ["'s gone\\b", ' has gone'],
    ["'d done\\b", ' had done'], ["'s got\\b", ' has got'],
    // general contractions
    ["n't\\b", ' not'], ["'re\\b", ' are'], ["'s\\b", ' is'], ["'d\\b", ' would'], ["'ll\\b", ' will'],
    ["'t\\b", ' not'], ["'ve\\b", ' have'], ["'m\\b", ' am'],
  ] as const
).map(([pattern, replacement]) => [pyWordPattern(pattern), replacement] as const);

/** Options of {@link createEnglishNormalizer}. */
export interface EnglishNormalizerOptions {
  /** British -> American spelling map (see `loadSpellingMap`); Whisper's `english.json` or `normalizer.json`. */
  readonly spellings: SpellingMap;
}

/** Steps before number standardisation. */
function cleanEnglish(text: string): string {
  let s = text.toLowerCase();
  s = s.replace(BRACKET_SPAN, ''); // words between brackets
  s = s.replace(PAREN_SPAN, ''); // words between parentheses
  s = s.replace(FILLERS, '');
  s = s.replace(SPACE_BEFORE_APOSTROPHE, "'");
  for (const [pattern, replacement] of REPLACERS) s = s.replace(pattern, replacement);
  s = s.replace(DIGIT_COMMA_DIGIT, '$1$2'); // commas between digits
  s = s.replace(PERIOD_NOT_BEFORE_DIGIT, ' $1'); // periods not followed by numbers
  return removeSymbolsAndDiacritics(s, NUMERIC_SYMBOLS);
}

/**
 * Whisper's English normaliser, named `whisper-english`. Output may keep a leading or trailing space
 * (as upstream); scoring splits on whitespace.
 * @example
 * const en = createEnglishNormalizer({ spellings: loadSpellingMap('models/whisper-base/normalizer.json') });
 * en.normalize("Mr. Park visited Assoc. Prof. Kim Jr."); // 'mister park visited associate professor kim junior'
 */
export function createEnglishNormalizer(options: EnglishNormalizerOptions): TextNormalizer {
  const { spellings } = options;
  return {
    name: 'whisper-english',
    version: WHISPER_NORMALIZERS_VERSION,
    normalize(text: string): string {
      let s = normalizeEnglishNumbers(cleanEnglish(text));
      s = applySpellings(s, spellings);
      s = s.replace(SYMBOL_NOT_BEFORE_DIGIT, ' $1'); // prefix/suffix symbols not next to numbers
      s = s.replace(PERCENT_NOT_AFTER_DIGIT, '$1 ');
      return pyCollapseSpaces(s);
    },
  };
}
