/**
 * Port of Whisper's `EnglishSpellingNormalizer`: British to American spellings from a JSON word map
 * (`english.json` upstream; `normalizer.json` in Hugging Face model folders).
 */
import { readFileSync } from 'node:fs';
import { ModelCorruptError, ModelNotFoundError } from '../core/errors.js';
import { pySplit } from './python-text.js';

/** A British -> American spelling map, e.g. `colour` -> `color`. */
export type SpellingMap = ReadonlyMap<string, string>;

/**
 * Builds a spelling map from parsed JSON (an object of string to string).
 * @throws ModelCorruptError when the value is not such an object.
 */
export function spellingMapFromJson(json: unknown, source = '<inline>'): SpellingMap {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ModelCorruptError('normalizer_invalid', `Spelling map ${source} is not a JSON object`, {
      hint: 'Use Whisper\'s english.json or the model folder\'s normalizer.json ({"colour": "color", ...}).',
      details: { path: source },
    });
  }
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== 'string') {
      throw new ModelCorruptError('normalizer_invalid', `Spelling map ${source}: value of "${key}" is not a string`, {
        hint: 'Every entry must map a word to a word.',
        details: { path: source, key },
      });
    }
    map.set(key, value);
  }
  return map;
}

/**
 * Reads a spelling map file (`english.json` / `normalizer.json`).
 * @throws ModelNotFoundError when the file cannot be read; ModelCorruptError when it is not valid.
 */
export function loadSpellingMap(path: string): SpellingMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ModelNotFoundError('normalizer_not_found', `Cannot read spelling map ${path}`, {
      hint: 'Point to the model folder\'s normalizer.json or Whisper\'s english.json.',
      cause,
      details: { path },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ModelCorruptError('normalizer_invalid', `Spelling map ${path} is not valid JSON`, {
      hint: 'Re-download the file; it should be a JSON object of word to word.',
      cause,
      details: { path },
    });
  }
  return spellingMapFromJson(json, path);
}

/** Python: `" ".join(mapping.get(word, word) for word in s.split())`. */
export function applySpellings(s: string, map: SpellingMap): string {
  return pySplit(s)
    .map((w) => map.get(w) ?? w)
    .join(' ');
}
