/**
 * Short model names (`tiny.en`, `large-v3-turbo`) and the Hugging Face Hub repositories holding their ONNX exports
 * in the layout transformers.js loads (`onnx/encoder_model*.onnx`, `onnx/decoder_model_merged*.onnx`, ...).
 *
 * Repository names checked against the Hub (2025): onnx-community publishes tiny, base, small (and their `.en`
 * variants) and large-v3-turbo; the medium and large v1/v2/v3 exports in the same layout live under Xenova.
 */
import { ModelNotFoundError } from '../../core/errors.js';

/** Alias -> Hub repository id. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  tiny: 'onnx-community/whisper-tiny',
  'tiny.en': 'onnx-community/whisper-tiny.en',
  base: 'onnx-community/whisper-base',
  'base.en': 'onnx-community/whisper-base.en',
  small: 'onnx-community/whisper-small',
  'small.en': 'onnx-community/whisper-small.en',
  medium: 'Xenova/whisper-medium',
  'medium.en': 'Xenova/whisper-medium.en',
  'large-v1': 'Xenova/whisper-large',
  'large-v2': 'Xenova/whisper-large-v2',
  'large-v3': 'Xenova/whisper-large-v3',
  'large-v3-turbo': 'onnx-community/whisper-large-v3-turbo',
  turbo: 'onnx-community/whisper-large-v3-turbo',
};

/** A Hub repository id: `owner/name`, letters, digits, `-`, `_`, `.` (no `..`, no leading/trailing punctuation). */
const REPO_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;

/** True when `text` is shaped like a Hub repository id (`owner/name`). */
export function isRepoId(text: string): boolean {
  return REPO_ID_RE.test(text) && !text.includes('..') && !text.endsWith('.');
}

/** The repository an alias names, or undefined when `name` is not an alias. */
export function aliasRepo(name: string): string | undefined {
  return Object.hasOwn(MODEL_ALIASES, name) ? MODEL_ALIASES[name] : undefined;
}

/** Every alias, in table order (for error messages and `cephalon models list`). */
export function aliasNames(): readonly string[] {
  return Object.keys(MODEL_ALIASES);
}

/**
 * Resolves an alias or a repository id to a repository id.
 * Throws ModelNotFoundError naming the input, listing the aliases and suggesting a local folder.
 * @example resolveRepoId('tiny.en') // 'onnx-community/whisper-tiny.en'
 */
export function resolveRepoId(idOrAlias: string): string {
  const fromAlias = aliasRepo(idOrAlias);
  if (fromAlias !== undefined) return fromAlias;
  if (isRepoId(idOrAlias)) return idOrAlias;
  throw unknownModelError(idOrAlias);
}

/** The error for a name that is neither an alias, nor a repository id, nor an existing folder. */
export function unknownModelError(name: string): ModelNotFoundError {
  return new ModelNotFoundError('MODEL_UNKNOWN', `Unknown model "${name}": not an alias, a Hub id or a folder`, {
    hint:
      `Use an alias (${aliasNames().join(', ')}), a Hub id such as onnx-community/whisper-tiny.en, ` +
      'or the path of a local folder holding config.json and onnx/*.onnx.',
    details: { model: name },
  });
}
