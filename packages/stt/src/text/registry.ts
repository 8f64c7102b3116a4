/**
 * Normalisers by name, so a score can say which one produced it and a run can ask for one in a config file.
 */
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '../core/errors.js';
import { createBasicNormalizer } from './basic-normalizer.js';
import { createEnglishNormalizer } from './english-normalizer.js';
import { pyCollapseSpaces, pyStrip } from './python-text.js';
import { loadSpellingMap, type SpellingMap } from './spelling-normalizer.js';
import type { TextNormalizer } from './types.js';

/** Every normaliser name {@link getNormalizer} accepts. */
export const NORMALIZER_NAMES = [
  'whisper-english',
  'whisper-basic',
  'whisper-basic-nodiacritics',
  'whisper-basic-split',
  'whisper-basic-nodiacritics-split',
  'lower-punct',
  'none',
] as const;

export type NormalizerName = (typeof NORMALIZER_NAMES)[number];

/**
 * OpenAI's `english.json` (MIT, licence beside it), shipped inside the package so `whisper-english` works without a
 * model folder.
 */
export const BUNDLED_SPELLINGS_PATH = fileURLToPath(new URL('./assets/whisper/english.json', import.meta.url));

/** Where `whisper-english` finds its spelling map; default: the bundled `english.json`. */
export interface NormalizerLookupOptions {
  /** An already-loaded map. */
  readonly spellings?: SpellingMap;
  /** Path of `normalizer.json` (model folder) or Whisper's `english.json`. */
  readonly spellingsPath?: string;
}

const APOSTROPHES = /['\u2019]/gu;
const PUNCTUATION = /\p{P}/gu;

/**
 * `lower-punct` (version 1), the bench's plain default: lower-case, delete apostrophes (`don't` -> `dont`),
 * replace other punctuation by spaces, collapse whitespace, strip.
 */
export const LOWER_PUNCT_NORMALIZER: TextNormalizer = {
  name: 'lower-punct',
  version: '1',
  normalize: (text) => pyStrip(pyCollapseSpaces(text.toLowerCase().replace(APOSTROPHES, '').replace(PUNCTUATION, ' '))),
};

/** `none` (version 1): the text unchanged (raw metrics). */
export const IDENTITY_NORMALIZER: TextNormalizer = { name: 'none', version: '1', normalize: (text) => text };

/** True when `name` is one of {@link NORMALIZER_NAMES}. */
export function isNormalizerName(name: string): name is NormalizerName {
  return (NORMALIZER_NAMES as readonly string[]).includes(name);
}

/** Spelling maps already read, by path (a run compares many pairs with the same file). */
const spellingCache = new Map<string, SpellingMap>();

function englishSpellings(options: NormalizerLookupOptions): SpellingMap {
  if (options.spellings !== undefined) return options.spellings;
  const path = options.spellingsPath ?? BUNDLED_SPELLINGS_PATH;
  const cached = spellingCache.get(path) ?? loadSpellingMap(path);
  spellingCache.set(path, cached);
  return cached;
}

/**
 * The normaliser called `name`.
 * `whisper-english` uses the bundled `english.json` unless `spellings` or `spellingsPath` is given.
 * @throws InvalidOptionError for an unknown name.
 * @example getNormalizer('whisper-english') // OpenAI's EnglishTextNormalizer with the bundled spelling map
 */
export function getNormalizer(name: string, options: NormalizerLookupOptions = {}): TextNormalizer {
  if (!isNormalizerName(name)) {
    throw new InvalidOptionError('unknown_normalizer', `Unknown normaliser "${name}"`, {
      hint: `Use one of: ${NORMALIZER_NAMES.join(', ')}.`,
      details: { name },
    });
  }
  switch (name) {
    case 'whisper-english':
      return createEnglishNormalizer({ spellings: englishSpellings(options) });
    case 'lower-punct':
      return LOWER_PUNCT_NORMALIZER;
    case 'none':
      return IDENTITY_NORMALIZER;
    default:
      return createBasicNormalizer({ removeDiacritics: name.includes('nodiacritics'), splitLetters: name.endsWith('-split') });
  }
}
