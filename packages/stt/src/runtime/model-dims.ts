/**
 * Reads a Hugging Face `config.json` (`WhisperConfig`) into the model sizes the runtime needs.
 */
import { ModelCorruptError } from '../core/errors.js';
import type { WhisperModelDims } from './types.js';

/** `config.json` keys read, with the `WhisperModelDims` field each one fills. */
const CONFIG_FIELDS = {
  nMels: 'num_mel_bins',
  nAudioCtx: 'max_source_positions',
  nTextCtx: 'max_target_positions',
  dModel: 'd_model',
  nDecoderLayers: 'decoder_layers',
  nDecoderHeads: 'decoder_attention_heads',
  vocabSize: 'vocab_size',
} as const satisfies Record<keyof WhisperModelDims, string>;

type DimsKey = keyof typeof CONFIG_FIELDS;

function corrupt(file: string, problem: string, cause?: unknown): ModelCorruptError {
  return new ModelCorruptError('MODEL_CONFIG_INVALID', `${file}: ${problem}`, {
    hint: 'Re-download the model or restore its config.json (a Hugging Face WhisperConfig).',
    details: { file },
    ...(cause === undefined ? {} : { cause }),
  });
}

function readPositiveInt(config: Record<string, unknown>, key: string, file: string): number {
  const value = config[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw corrupt(file, `"${key}" must be a positive integer, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

/**
 * Parses a `WhisperConfig` (`config.json` text or an already parsed object) into `WhisperModelDims`.
 * Throws `ModelCorruptError` naming `file` when the JSON is malformed, a field is missing or not a positive integer,
 * or `d_model` is not divisible by the head count.
 *
 * @example
 * const dims = readModelDims(readFileSync(`${dir}/config.json`, 'utf8'), `${dir}/config.json`);
 * dims.nDecoderLayers; // 2 for whisper-dev-random, 4 for tiny
 */
export function readModelDims(configJson: string | object, file = 'config.json'): WhisperModelDims {
  let parsed: unknown = configJson;
  if (typeof configJson === 'string') {
    try {
      parsed = JSON.parse(configJson);
    } catch (cause) {
      throw corrupt(file, 'is not valid JSON', cause);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corrupt(file, 'must be a JSON object');
  }
  const config = parsed as Record<string, unknown>;
  if (config.model_type !== undefined && config.model_type !== 'whisper') {
    throw corrupt(file, `"model_type" is ${JSON.stringify(config.model_type)}, expected "whisper"`);
  }
  const dims = {} as Record<DimsKey, number>;
  for (const [field, key] of Object.entries(CONFIG_FIELDS) as [DimsKey, string][]) {
    dims[field] = readPositiveInt(config, key, file);
  }
  if (dims.dModel % dims.nDecoderHeads !== 0) {
    throw corrupt(file, `"d_model" ${dims.dModel} is not divisible by "decoder_attention_heads" ${dims.nDecoderHeads}`);
  }
  return dims;
}

/** Size of one attention head (`dModel / nDecoderHeads`, 64 in every released Whisper). */
export function headDim(dims: WhisperModelDims): number {
  return dims.dModel / dims.nDecoderHeads;
}
