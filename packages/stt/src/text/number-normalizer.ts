/**
 * Port of Whisper's `EnglishNumberNormalizer.__call__`: preprocess ("and a half", letter/digit splits),
 * the word state machine, then currency and "one" postprocessing.
 */
import { processNumberWords } from './number-words.js';
import { DECIMALS, MULTIPLIERS } from './number-vocabulary.js';
import { PY_B_AFTER_WORD, PY_B_BEFORE_WORD, PY_S, pySplit, pyStrip } from './python-text.js';

const AND_A_HALF = new RegExp(`${PY_B_BEFORE_WORD}and${PY_S}+a${PY_S}+half${PY_B_AFTER_WORD}`, 'u');
const LETTER_DIGIT = /([a-z])([0-9])/g;
const DIGIT_LETTER = /([0-9])([a-z])/g;
const DIGIT_SPACE_SUFFIX = new RegExp(`([0-9])${PY_S}+(st|nd|rd|th|s)${PY_B_AFTER_WORD}`, 'gu');
const COMBINE_CENTS = new RegExp(`([€£$])([0-9]+) (?:and )?¢([0-9]{1,2})${PY_B_AFTER_WORD}`, 'gu');
/** Python's `.` matches anything but `\n` (JavaScript's also excludes `\r`, U+2028, U+2029). */
const EXTRACT_CENTS = new RegExp(`[€£$]0[^\\n]([0-9]{1,2})${PY_B_AFTER_WORD}`, 'gu');
const LONE_ONE = new RegExp(`${PY_B_BEFORE_WORD}1(s?)${PY_B_AFTER_WORD}`, 'gu');

/** Replaces "<number> and a half" by "<number> point five". */
function expandHalves(s: string): string {
  const segments = s.split(AND_A_HALF);
  const results: string[] = [];
  segments.forEach((segment, i) => {
    if (pyStrip(segment).length === 0) return;
    results.push(segment);
    if (i === segments.length - 1) return;
    const words = pySplit(segment);
    const lastWord = words[words.length - 1] ?? '';
    results.push(DECIMALS.has(lastWord) || MULTIPLIERS.has(lastWord) ? 'point five' : 'and a half');
  });
  return results.join(' ');
}

function preprocess(s: string): string {
  let out = expandHalves(s);
  out = out.replace(LETTER_DIGIT, '$1 $2'); // put a space at number/letter boundaries
  out = out.replace(DIGIT_LETTER, '$1 $2');
  return out.replace(DIGIT_SPACE_SUFFIX, '$1$2'); // but re-attach what could be a suffix
}

function postprocess(s: string): string {
  let out = s.replace(COMBINE_CENTS, (_m, currency: string, integer: string, cents: string) =>
    `${currency}${integer}.${String(Number.parseInt(cents, 10)).padStart(2, '0')}`,
  );
  out = out.replace(EXTRACT_CENTS, (_m, cents: string) => `¢${Number.parseInt(cents, 10)}`);
  return out.replace(LONE_ONE, 'one$1'); // "one(s)" instead of "1(s)", for readability
}

/**
 * Whisper's `EnglishNumberNormalizer`: spelled-out numbers to digits, keeping suffixes (`1960s`, `32nd`),
 * currency words to symbols (`two dollars` -> `$2`), `per cent` to `%`, lone 1 written as `one`.
 * @example normalizeEnglishNumbers('two point five million') // '2500000'
 */
export function normalizeEnglishNumbers(s: string): string {
  const words = processNumberWords(pySplit(preprocess(s)));
  return postprocess(words.join(' '));
}
