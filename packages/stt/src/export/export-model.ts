/**
 * `exportWhisper()`: a Whisper checkpoint (safetensors + config.json) -> an onnx-community model folder
 * (`onnx/encoder_model{suffix}.onnx`, `onnx/decoder_model_merged{suffix}.onnx`, config/tokenizer/generation files copied).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidOptionError, ModelNotFoundError } from '../core/errors.js';
import { DTYPE_SUFFIX } from '../runtime/model/dtype.js';
import { REQUIRED_CONFIG_FILES, TOKENIZER_FILES } from '../runtime/model/model-files.js';
import { buildMergedDecoder } from './decoder-graph.js';
import { exportDimsFromConfig, publishedDims, type ExportDims } from './dims.js';
import { randomWeights } from './random-weights.js';
import { specialIds, writeModelFiles, type VocabKind } from './vocab-variants.js';
import { buildEncoder } from './encoder-graph.js';
import { buildCrossKv, buildDecoderStep, PROTOTYPE_CACHE_LENGTH } from './static-graphs.js';
import { readSafetensors } from './safetensors.js';
import { EXPORT_DTYPES, type ExportDtype, type Q8Kind } from './weight-store.js';
import { whisperWeights, type WhisperWeights } from './whisper-weights.js';

/** Files copied next to the ONNX files when the source folder has them. */
export const COPIED_FILES = [...REQUIRED_CONFIG_FILES, ...TOKENIZER_FILES] as const;

/** Progress of an export, one event per stage. */
export type ExportEvent =
  | { readonly stage: 'read'; readonly file: string }
  | { readonly stage: 'build'; readonly file: string }
  | { readonly stage: 'write'; readonly file: string; readonly bytes: number };

export interface ExportOptions {
  /** Output folder (created; existing ONNX files of the same name are replaced). */
  readonly out: string;
  readonly dtype?: ExportDtype;
  readonly crossAttentions?: boolean;
  /** Writes the fixed-shape (NPU) format instead: encoder [1, n_mels, 3000], cross-K/V projector, one-token step. */
  readonly static?: boolean;
  /** Self-attention cache slots of the static step (default: the text context, 448). */
  readonly cacheLength?: number;
  /** How q8 MatMuls are written (default `integer`: DynamicQuantizeLinear + MatMulInteger). */
  readonly q8Kind?: Q8Kind;
  /**
   * Static step only (research, graded masks): adds a float input `attention_bias [1, N]` added to the self-attention
   * scores after the int64 mask's blocking, so graded masks can be expressed as log-weights. Default off.
   */
  readonly attentionBias?: boolean;
  readonly onProgress?: (event: ExportEvent) => void;
}

export interface ExportResult {
  readonly out: string;
  readonly files: readonly string[];
  readonly dims: ExportDims;
}

/** Validates a dtype name for the exporter. */
export function parseExportDtype(text: string): ExportDtype {
  const found = EXPORT_DTYPES.find((d) => d === text.trim().toLowerCase());
  if (found === undefined) throw new InvalidOptionError('EXPORT_DTYPE', `Cannot export dtype "${text}"`, { hint: `Use one of: ${EXPORT_DTYPES.join(', ')}.`, details: { dtype: text } });
  return found;
}

/** Writes `bytes` through a temporary file, so a failed export never leaves a half-written model behind. */
export function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.partial`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/** Writes the ONNX files of `weights` into `<out>/onnx/`; returns the paths written. */
export function writeOnnxFiles(weights: WhisperWeights, dims: ExportDims, options: ExportOptions): string[] {
  const dtype = options.dtype ?? 'fp32';
  const onnxDir = join(options.out, 'onnx');
  mkdirSync(onnxDir, { recursive: true });
  const suffix = DTYPE_SUFFIX[dtype];
  const files: string[] = [];
  const emit = (name: string, build: () => Uint8Array): void => {
    const file = join(onnxDir, `${name}${suffix}.onnx`);
    options.onProgress?.({ stage: 'build', file });
    const bytes = build();
    writeAtomic(file, bytes);
    options.onProgress?.({ stage: 'write', file, bytes: bytes.byteLength });
    files.push(file);
  };
  if (options.static === true) {
    const n = options.cacheLength ?? dims.nTextCtx;
    if (!Number.isInteger(n) || n < 2 || n > dims.nTextCtx) {
      throw new InvalidOptionError('EXPORT_CACHE_LENGTH', `--cache-length must be an integer in 2..${dims.nTextCtx}, got ${n}`, { hint: `Use ${PROTOTYPE_CACHE_LENGTH} (the prototype) or ${dims.nTextCtx} (the text context).`, details: { cacheLength: n } });
    }
    if (options.attentionBias === true && dtype !== 'fp32') {
      throw new InvalidOptionError('EXPORT_ATTENTION_BIAS', `attentionBias needs dtype fp32, got ${dtype}`, { hint: 'Export the research bias input with dtype fp32.', details: { dtype } });
    }
    emit('encoder_model', () => buildEncoder(weights, dims, dtype, 1, options.q8Kind));
    emit('cross_kv_model', () => buildCrossKv(weights, dims, dtype, options.q8Kind));
    emit('decoder_step_model', () => buildDecoderStep(weights, dims, dtype, n, options.q8Kind, options.attentionBias === true));
    return files;
  }
  emit('encoder_model', () => buildEncoder(weights, dims, dtype, null, options.q8Kind));
  emit('decoder_model_merged', () => buildMergedDecoder(weights, dims, { dtype, crossAttentions: options.crossAttentions === true, ...(options.q8Kind === undefined ? {} : { q8Kind: options.q8Kind }) }));
  return files;
}

/** The folder holding config.json for a source path (a folder, a .safetensors file or an index file). */
function sourceFolder(src: string): string {
  return existsSync(src) && statSync(src).isDirectory() ? src : dirname(src);
}

/**
 * Exports a checkpoint. `src` is a model folder (`model.safetensors` or `model.safetensors.index.json`, plus
 * `config.json`), or a `.safetensors` file with `config.json` beside it. Hugging Face and OpenAI tensor names are read.
 *
 * @example
 * await exportWhisper('../shared/models/whisper-dev-random', { out: '/tmp/dev-export', dtype: 'fp32' });
 */
export async function exportWhisper(src: string, options: ExportOptions): Promise<ExportResult> {
  if (!existsSync(src)) {
    throw new ModelNotFoundError('EXPORT_SOURCE_MISSING', `${src} does not exist`, { hint: 'Give a folder with model.safetensors (or model.safetensors.index.json) and config.json, or a .safetensors file.', details: { file: src } });
  }
  const folder = sourceFolder(src);
  const configFile = join(folder, 'config.json');
  if (!existsSync(configFile)) {
    throw new ModelNotFoundError('EXPORT_CONFIG_MISSING', `${configFile} does not exist`, { hint: 'The checkpoint needs its config.json (a Hugging Face WhisperConfig) beside it.', details: { file: configFile } });
  }
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  const dims = exportDimsFromConfig(config, configFile);
  options.onProgress?.({ stage: 'read', file: src });
  const tensors = readSafetensors(src);
  const weights = whisperWeights(tensors, dims, basename(src));
  const files = writeOnnxFiles(weights, dims, options);
  for (const name of COPIED_FILES) {
    const from = join(folder, name);
    const to = join(options.out, name);
    if (existsSync(from) && from !== to) {
      rmSync(to, { force: true });
      copyFileSync(from, to);
      files.push(to);
    }
  }
  return { out: options.out, files, dims };
}

export interface RandomExportOptions extends ExportOptions {
  /** Seed of the weights (default 20261124, the dev model's). */
  readonly seed?: number;
  /** A multilingual Whisper folder whose config/tokenizer files are adapted (e.g. ../shared/models/whisper-dev-random). */
  readonly tokenizerFrom: string;
  /** Overrides of the weight recipe (calibration). */
  readonly recipe?: Parameters<typeof randomWeights>[3];
}

/** Seed used when none is given. */
export const DEFAULT_RANDOM_SEED = 20261124;

/**
 * Writes a random-weight model of a published size (`tiny`, `base.en`, `large-v3`, `turbo` ...; see `RANDOM_SIZES`):
 * seeded weights (see random-weights.ts), config.json with the published sizes, and tokenizer files adapted from
 * `tokenizerFrom` (see vocab-variants.ts for how the English-only and v3 vocabularies are made).
 *
 * @example
 * await exportRandomWhisper('tiny', { out: '.cache/models/random-tiny', tokenizerFrom: '../shared/models/whisper-dev-random' });
 */
export async function exportRandomWhisper(size: string, options: RandomExportOptions): Promise<ExportResult> {
  const { dims, english, v3 } = publishedDims(size);
  const kind: VocabKind = english ? 'english' : v3 ? 'v3' : 'multilingual';
  mkdirSync(options.out, { recursive: true });
  writeModelFiles(options.tokenizerFrom, options.out, dims, kind, `whisper-random-${size}`);
  options.onProgress?.({ stage: 'read', file: `random ${size} (seed ${options.seed ?? DEFAULT_RANDOM_SEED})` });
  const ids = specialIds(kind);
  const tensors = randomWeights(dims, { ...ids, timestamps: 1501 }, options.seed ?? DEFAULT_RANDOM_SEED, options.recipe);
  const weights = whisperWeights(tensors, dims, `random ${size}`);
  const files = writeOnnxFiles(weights, dims, options);
  return { out: options.out, files, dims };
}
