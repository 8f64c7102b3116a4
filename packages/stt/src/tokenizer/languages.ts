/**
 * Whisper's languages in OpenAI's `LANGUAGES` order (the order of the language tokens after
 * `<|startoftranscript|>`). The token ids themselves are always read from the model files; this table only
 * gives names to codes and recognises `<|xx|>` tokens as language tokens.
 */

/** `[code, English name]`, in OpenAI's order: 99 languages for v1/v2 models, `yue` added by v3. */
export const WHISPER_LANGUAGES: readonly (readonly [string, string])[] = [
  ['en', 'english'], ['zh', 'chinese'], ['de', 'german'], ['es', 'spanish'], ['ru', 'russian'],
  ['ko', 'korean'], ['fr', 'french'], ['ja', 'japanese'], ['pt', 'portuguese'], ['tr', 'turkish'],
  ['pl', 'polish'], ['ca', 'catalan'], ['nl', 'dutch'], ['ar', 'arabic'], ['sv', 'swedish'],
  ['it', 'italian'], ['id', 'indonesian'], ['hi', 'hindi'], ['fi', 'finnish'], ['vi', 'vietnamese'],
  ['he', 'hebrew'], ['uk', 'ukrainian'], ['el', 'greek'], ['ms', 'malay'], ['cs', 'czech'],
  ['ro', 'romanian'], ['da', 'danish'], ['hu', 'hungarian'], ['ta', 'tamil'], ['no', 'norwegian'],
  ['th', 'thai'], ['ur', 'urdu'], ['hr', 'croatian'], ['bg', 'bulgarian'], ['lt', 'lithuanian'],
  ['la', 'latin'], ['mi', 'maori'], ['ml', 'malayalam'], ['cy', 'welsh'], ['sk', 'slovak'],
  ['te', 'telugu'], ['fa', 'persian'], ['lv', 'latvian'], ['bn', 'bengali'], ['sr', 'serbian'],
  ['az', 'azerbaijani'], ['sl', 'slovenian'], ['kn', 'kannada'], ['et', 'estonian'], ['mk', 'macedonian'],
  ['br', 'breton'], ['eu', 'basque'], ['is', 'icelandic'], ['hy', 'armenian'], ['ne', 'nepali'],
  ['mn', 'mongolian'], ['bs', 'bosnian'], ['kk', 'kazakh'], ['sq', 'albanian'], ['sw', 'swahili'],
  ['gl', 'galician'], ['mr', 'marathi'], ['pa', 'punjabi'], ['si', 'sinhala'], ['km', 'khmer'],
  ['sn', 'shona'], ['yo', 'yoruba'], ['so', 'somali'], ['af', 'afrikaans'], ['oc', 'occitan'],
  ['ka', 'georgian'], ['be', 'belarusian'], ['tg', 'tajik'], ['sd', 'sindhi'], ['gu', 'gujarati'],
  ['am', 'amharic'], ['yi', 'yiddish'], ['lo', 'lao'], ['uz', 'uzbek'], ['fo', 'faroese'],
  ['ht', 'haitian creole'], ['ps', 'pashto'], ['tk', 'turkmen'], ['nn', 'nynorsk'], ['mt', 'maltese'],
  ['sa', 'sanskrit'], ['lb', 'luxembourgish'], ['my', 'myanmar'], ['bo', 'tibetan'], ['tl', 'tagalog'],
  ['mg', 'malagasy'], ['as', 'assamese'], ['tt', 'tatar'], ['haw', 'hawaiian'], ['ln', 'lingala'],
  ['ha', 'hausa'], ['ba', 'bashkir'], ['jw', 'javanese'], ['su', 'sundanese'], ['yue', 'cantonese'],
];

/** Other names OpenAI accepts for a language (`TO_LANGUAGE_CODE`). */
const LANGUAGE_ALIASES: readonly (readonly [string, string])[] = [
  ['burmese', 'my'], ['valencian', 'ca'], ['flemish', 'nl'], ['haitian', 'ht'], ['letzeburgesch', 'lb'],
  ['pushto', 'ps'], ['panjabi', 'pa'], ['moldavian', 'ro'], ['moldovan', 'ro'], ['sinhalese', 'si'],
  ['castilian', 'es'], ['mandarin', 'zh'],
];

const NAME_OF_CODE: ReadonlyMap<string, string> = new Map(WHISPER_LANGUAGES);
const CODE_OF_NAME: ReadonlyMap<string, string> = new Map([
  ...WHISPER_LANGUAGES.map(([code, name]): [string, string] => [name, code]),
  ...LANGUAGE_ALIASES,
]);

/** English name of a language code, e.g. `languageName('de') === 'german'`; `undefined` if unknown. */
export function languageName(code: string): string | undefined {
  return NAME_OF_CODE.get(code);
}

/** Whether `code` is one of Whisper's language codes. */
export function isWhisperLanguageCode(code: string): boolean {
  return NAME_OF_CODE.has(code);
}

/**
 * The code for a code or an English name (any case), e.g. `toLanguageCode('German') === 'de'`,
 * `toLanguageCode('de') === 'de'`; `undefined` if unknown.
 */
export function toLanguageCode(codeOrName: string): string | undefined {
  const key = codeOrName.trim().toLowerCase();
  return NAME_OF_CODE.has(key) ? key : CODE_OF_NAME.get(key);
}
