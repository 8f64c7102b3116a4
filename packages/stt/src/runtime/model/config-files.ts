/**
 * Typed readers for a Whisper model folder's `config.json`, `generation_config.json` and
 * `preprocessor_config.json`: only the fields the engine uses, validated, errors naming the file.
 * Model sizes (`WhisperModelDims`) are read by `../model-dims.ts`, not here.
 */
import { join } from 'node:path';
import { ModelCorruptError } from '../../core/errors.js';
import { JsonFields, readJsonObject } from './json-fields.js';

/** File names of the three config files inside a model folder. */
export const CONFIG_FILE = 'config.json';
export const GENERATION_CONFIG_FILE = 'generation_config.json';
export const PREPROCESSOR_CONFIG_FILE = 'preprocessor_config.json';

/** Token facts from `config.json` (Hugging Face `WhisperConfig`). */
export interface ModelConfig {
  /** Always `whisper` (checked). */
  readonly modelType: string;
  readonly decoderStartTokenId: number;
  readonly eosTokenId: number;
  readonly bosTokenId: number | undefined;
  readonly padTokenId: number | undefined;
  /** Tokens suppressed at the first sampled position. */
  readonly beginSuppressTokens: readonly number[];
  /** Tokens suppressed at every position. */
  readonly suppressTokens: readonly number[];
}

/** Decoding facts from `generation_config.json`. Multilingual-only fields are empty for `.en` models. */
export interface GenerationConfig {
  readonly decoderStartTokenId: number;
  readonly eosTokenId: number;
  readonly noTimestampsTokenId: number | undefined;
  /** `<|startofprev|>`, used to pass previous text as a prompt. */
  readonly prevSotTokenId: number | undefined;
  readonly isMultilingual: boolean;
  /** `'<|en|>'` -> 50259 ...; empty for English-only models. */
  readonly langToId: Readonly<Record<string, number>>;
  /** `transcribe` / `translate` -> token id; empty for English-only models. */
  readonly taskToId: Readonly<Record<string, number>>;
  readonly suppressTokens: readonly number[];
  readonly beginSuppressTokens: readonly number[];
  /** Cross-attention heads used for word timing, as `[decoderLayer, head]`. */
  readonly alignmentHeads: readonly (readonly [number, number])[];
  /** Latest timestamp index allowed at the start of a window, in 20 ms steps. */
  readonly maxInitialTimestampIndex: number | undefined;
  /** Maximum decoded sequence length, in tokens. */
  readonly maxLength: number | undefined;
}

/** Feature-extractor settings from `preprocessor_config.json` (Hugging Face `WhisperFeatureExtractor`). */
export interface PreprocessorConfig {
  /** Mel bins (80, or 128 for large-v3). */
  readonly featureSize: number;
  readonly samplingRateHz: number;
  /** STFT hop, in samples. */
  readonly hopLength: number;
  /** STFT size, in samples. */
  readonly nFft: number;
  /** Window length, in seconds. */
  readonly chunkLengthSec: number;
}

/** The three parsed config files of a model folder. */
export interface ModelConfigs {
  readonly config: ModelConfig;
  readonly generation: GenerationConfig;
  readonly preprocessor: PreprocessorConfig;
}

/** Reads `config.json` from a model folder. */
export async function readModelConfig(dir: string): Promise<ModelConfig> {
  const file = join(dir, CONFIG_FILE);
  const f = new JsonFields(file, await readJsonObject(file));
  const modelType = f.optString('model_type') ?? 'whisper';
  if (modelType !== 'whisper') {
    throw new ModelCorruptError('MODEL_NOT_WHISPER', `${file}: model_type is "${modelType}", not "whisper"`, {
      hint: 'Cephalon runs Whisper models only; pick a Whisper ONNX export such as onnx-community/whisper-tiny.en.',
      details: { file, modelType },
    });
  }
  return {
    modelType,
    decoderStartTokenId: f.int('decoder_start_token_id'),
    eosTokenId: f.int('eos_token_id'),
    bosTokenId: f.optInt('bos_token_id'),
    padTokenId: f.optInt('pad_token_id'),
    beginSuppressTokens: f.intList('begin_suppress_tokens'),
    suppressTokens: f.intList('suppress_tokens'),
  };
}

/** Reads `generation_config.json` from a model folder. */
export async function readGenerationConfig(dir: string): Promise<GenerationConfig> {
  const file = join(dir, GENERATION_CONFIG_FILE);
  const f = new JsonFields(file, await readJsonObject(file));
  const langToId = f.intMap('lang_to_id');
  return {
    decoderStartTokenId: f.int('decoder_start_token_id'),
    eosTokenId: f.int('eos_token_id'),
    noTimestampsTokenId: f.optInt('no_timestamps_token_id'),
    prevSotTokenId: f.optInt('prev_sot_token_id'),
    isMultilingual: f.optBool('is_multilingual') ?? Object.keys(langToId).length > 0,
    langToId,
    taskToId: f.intMap('task_to_id'),
    suppressTokens: f.intList('suppress_tokens'),
    beginSuppressTokens: f.intList('begin_suppress_tokens'),
    alignmentHeads: f.intPairs('alignment_heads'),
    maxInitialTimestampIndex: f.optInt('max_initial_timestamp_index'),
    maxLength: f.optInt('max_length', 1),
  };
}

/** Reads `preprocessor_config.json` from a model folder. */
export async function readPreprocessorConfig(dir: string): Promise<PreprocessorConfig> {
  const file = join(dir, PREPROCESSOR_CONFIG_FILE);
  const f = new JsonFields(file, await readJsonObject(file));
  return {
    featureSize: f.int('feature_size', 1),
    samplingRateHz: f.int('sampling_rate', 1),
    hopLength: f.int('hop_length', 1),
    nFft: f.int('n_fft', 1),
    chunkLengthSec: f.int('chunk_length', 1),
  };
}

/** Reads all three config files of a model folder. */
export async function readModelConfigs(dir: string): Promise<ModelConfigs> {
  const [config, generation, preprocessor] = await Promise.all([
    readModelConfig(dir),
    readGenerationConfig(dir),
    readPreprocessorConfig(dir),
  ]);
  return { config, generation, preprocessor };
}
