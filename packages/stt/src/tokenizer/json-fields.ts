/** Small checked accessors for the JSON files of a model folder; every failure is a TokenizerError naming the file. */
import { join } from 'node:path';
import { TokenizerError } from '../core/errors.js';

/** Parses `text` (the content of `dir/name`). */
export function parseJson(dir: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const file = join(dir, name);
    throw new TokenizerError('TOKENIZER_FILE_MALFORMED', `${file} is not valid JSON`, { cause, hint: 'restore the file from the model repository', details: { file } });
  }
}

/** `value` as a plain object, or a TokenizerError naming `where`. */
export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new TokenizerError('TOKENIZER_FILE_MALFORMED', `malformed ${where}: expected an object`, { hint: 'restore the file from the model repository', details: { file: where } });
}

/** A non-negative integer, or undefined for anything else (absent, null, a list...). */
export function idOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** An object of `string -> token id` as a Map; a TokenizerError naming `where` when a value is not an id. */
export function idMap(value: unknown, where: string): Map<string, number> {
  const record = asRecord(value, where);
  const out = new Map<string, number>();
  // for...in is about twice as fast as Object.entries on a 50k-key vocabulary.
  for (const key in record) {
    const id = idOrUndefined(record[key]);
    if (id === undefined) {
      throw new TokenizerError('TOKENIZER_FILE_MALFORMED', `malformed ${where}: ${JSON.stringify(key)} has no integer id`, {
        hint: 'restore the file from the model repository',
        details: { file: where },
      });
    }
    out.set(key, id);
  }
  return out;
}
