/**
 * Loading the random-weight development model and OpenAI's reference outputs from `<repo>/../shared`, and
 * running our decoders on them. Used by the parity tests and `scripts/parity-decode.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_APPEND_PUNCTUATIONS, DEFAULT_PREPEND_PUNCTUATIONS } from '../../alignment/index.js';
import type { LogMel } from '../../audio/index.js';
import { DEFAULT_WINDOW_DECODE_OPTIONS, decodeWindow } from '../../decoding/index.js';
import type { WindowResult } from '../../decoding/index.js';
import { loadWhisperModel, readModelDims } from '../../runtime/index.js';
import type { LoadedWhisperModel, RuntimeSessionOptions } from '../../runtime/index.js';
import { loadTokenizer } from '../../tokenizer/index.js';
import type { WhisperTokenizer } from '../../tokenizer/index.js';
import type { LongFormOptions } from '../long-form-options.js';
import { DEFAULT_THRESHOLDS } from '../quality-gates.js';
import type { RefDecodeCase, RefDecodeFile, RefTranscribeFile } from './reference-types.js';

/** `whisper-dev-random` folder: `<repo>/../shared/models/whisper-dev-random`. */
export const DEV_MODEL_DIR = fileURLToPath(new URL('../../../../../../shared/models/whisper-dev-random/', import.meta.url));
/** Its `reference/` folder. */
export const REFERENCE_DIR = `${DEV_MODEL_DIR}reference/`;
/** The `transcribe_long_<variant>.json` variants. */
export const TRANSCRIBE_VARIANTS = ['default', 'no_condition', 't0', 'beam5', 'initial_prompt'] as const;

export function readReferenceJson<T>(name: string): T {
  return JSON.parse(readFileSync(REFERENCE_DIR + name, 'utf8')) as T;
}

/** A reference `.bin` (little-endian float32) as a Float32Array. */
export function readFloat32(name: string): Float32Array {
  const bytes = readFileSync(REFERENCE_DIR + name);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** A reference mel (`mel_<audio>_<w0|full>.bin`, `[80, frames]`). */
export function readReferenceMel(name: string): LogMel {
  const data = readFloat32(name);
  return { data, nMels: 80, nFrames: data.length / 80 };
}

export interface DevModel {
  readonly model: LoadedWhisperModel;
  readonly tokenizer: WhisperTokenizer;
}

/**
 * Loads the development model (merged decoder, fp32) and its tokenizer; `dir` points at another folder with the same
 * weights (e.g. an export of the dev model's safetensors) while the reference outputs stay the dev model's.
 */
export async function loadDevModel(sessionOptions: RuntimeSessionOptions = {}, dir = DEV_MODEL_DIR, maskFloor = 0): Promise<DevModel> {
  // A folder written by `cephalon export --static` holds the fixed-shape format instead of the merged decoder.
  const isStatic = existsSync(`${dir}onnx/decoder_step_model.onnx`);
  const model = await loadWhisperModel({
    encoderPath: `${dir}onnx/encoder_model.onnx`,
    decoder: isStatic
      ? { layout: 'static', path: `${dir}onnx/decoder_step_model.onnx`, crossKvPath: `${dir}onnx/cross_kv_model.onnx`, maskFloor }
      : { layout: 'merged', path: `${dir}onnx/decoder_model_merged.onnx` },
    dims: readModelDims(readFileSync(`${dir}config.json`, 'utf8')),
    sessionOptions,
  });
  return { model, tokenizer: await loadTokenizer(dir) };
}

/** Runs one `decode_<audio>.json` case on an encoded window with the case's options. */
export async function runDecodeCase(dev: DevModel, encoded: Parameters<typeof decodeWindow>[1], ref: RefDecodeCase): Promise<WindowResult> {
  const o = ref.options;
  return decodeWindow({ decoder: dev.model.decoder, tokenizer: dev.tokenizer }, encoded, {
    ...DEFAULT_WINDOW_DECODE_OPTIONS,
    language: o.language,
    task: o.task ?? 'transcribe',
    withoutTimestamps: o.without_timestamps === true,
    strategy:
      o.beam_size === undefined
        ? { kind: 'sampling', temperature: 0, bestOf: 1 }
        : { kind: 'beam', beamSize: o.beam_size, patience: o.patience ?? 1 },
  });
}

/** OpenAI `transcribe()` defaults of the Python function (`best_of` None = 1 sample). */
export const OPENAI_TRANSCRIBE_DEFAULTS: LongFormOptions = Object.freeze({
  task: 'transcribe',
  language: null,
  temperatures: [0, 0.2, 0.4, 0.6, 0.8, 1.0],
  thresholds: DEFAULT_THRESHOLDS,
  beam: null,
  bestOf: 1,
  lengthPenalty: null,
  conditionOnPreviousText: true,
  initialPrompt: null,
  carryInitialPrompt: false,
  prefix: null,
  clipTimestampsSec: [],
  suppressTokens: [-1],
  suppressBlank: true,
  withoutTimestamps: false,
  maxInitialTimestampSec: 1.0,
  sampleLen: null,
  repetitionPenalty: 1,
  noRepeatNgramSize: 0,
  seed: 0,
  wordTimestamps: false,
  prependPunctuations: DEFAULT_PREPEND_PUNCTUATIONS,
  appendPunctuations: DEFAULT_APPEND_PUNCTUATIONS,
  hallucinationSilenceThresholdSec: null,
});

/** Our long-form options for a reference variant's Python `transcribe()` keyword arguments. */
export function optionsForVariant(ref: RefTranscribeFile): LongFormOptions {
  const o = ref.options;
  const t = o['temperature'];
  return {
    ...OPENAI_TRANSCRIBE_DEFAULTS,
    ...(typeof t === 'number' ? { temperatures: [t] } : {}),
    ...(typeof o['beam_size'] === 'number' ? { beam: { beamSize: o['beam_size'], patience: 1 } } : {}),
    ...(typeof o['condition_on_previous_text'] === 'boolean' ? { conditionOnPreviousText: o['condition_on_previous_text'] } : {}),
    ...(typeof o['initial_prompt'] === 'string' ? { initialPrompt: o['initial_prompt'] } : {}),
  };
}

export type { RefDecodeFile, RefTranscribeFile };
