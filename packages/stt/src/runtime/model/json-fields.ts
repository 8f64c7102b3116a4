/**
 * Typed field readers over parsed JSON. Every failure is a ModelCorruptError naming the file and the field,
 * so a bad config file is reported as "config.json: field 'eos_token_id' must be an integer".
 */
import { readFile } from 'node:fs/promises';
import { ModelCorruptError, ModelNotFoundError } from '../../core/errors.js';

/** A parsed JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Reads and parses a JSON file that must hold an object. */
export async function readJsonObject(path: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ModelNotFoundError('MODEL_FILE_MISSING', `Model file missing: ${path}`, {
      hint: 'Point to a complete model folder, or pull the model again.',
      cause,
      details: { file: path },
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw invalid(path, 'the file is not valid JSON', cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, 'expected a JSON object');
  return value as JsonObject;
}

function invalid(file: string, what: string, cause?: unknown): ModelCorruptError {
  return new ModelCorruptError('MODEL_CONFIG_INVALID', `${file}: ${what}`, {
    hint: 'The file is damaged or not a Whisper model file; pull the model again or fix the file.',
    cause,
    details: { file },
  });
}

/** Field readers bound to one file. `opt*` return undefined when the field is absent or null. */
export class JsonFields {
  constructor(
    readonly file: string,
    private readonly obj: JsonObject,
  ) {}

  private fail(key: string, want: string): never {
    throw invalid(this.file, `field '${key}' must be ${want}`);
  }

  private get(key: string): unknown {
    return Object.hasOwn(this.obj, key) ? this.obj[key] : undefined;
  }

  optInt(key: string, min = 0): number | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(key, `an integer >= ${min}`);
    return v;
  }

  int(key: string, min = 0): number {
    const v = this.optInt(key, min);
    return v === undefined ? this.fail(key, `present (an integer >= ${min})`) : v;
  }

  optString(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : this.fail(key, 'a string');
  }

  optBool(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    return typeof v === 'boolean' ? v : this.fail(key, 'true or false');
  }

  /** An array of non-negative integers (token ids); absent means empty. */
  intList(key: string): readonly number[] {
    const v = this.get(key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
      this.fail(key, 'an array of non-negative integers');
    }
    return v as number[];
  }

  /** An array of integer pairs (`[[layer, head], ...]`); absent means empty. */
  intPairs(key: string): readonly (readonly [number, number])[] {
    const v = this.get(key);
    if (v === undefined || v === null) return [];
    const ok =
      Array.isArray(v) &&
      v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number' && Number.isInteger(x)));
    if (!ok) this.fail(key, 'an array of [integer, integer] pairs');
    return (v as [number, number][]).map(([a, b]) => [a, b] as const);
  }

  /** An object mapping strings to non-negative integers (`lang_to_id`); absent means empty. */
  intMap(key: string): Readonly<Record<string, number>> {
    const v = this.get(key);
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(key, 'an object of integers');
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.every(([, x]) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
      this.fail(key, 'an object of non-negative integers');
    }
    return Object.fromEntries(entries) as Record<string, number>;
  }

  /** A nested object, or undefined. */
  optObject(key: string): JsonObject | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(key, 'an object');
    return v as JsonObject;
  }
}
