/**
 * `exportWhisper()`: a Whisper checkpoint (safetensors + config.json) -> an onnx-community model folder
 * (`onnx/encoder_model{suffix}.onnx`, `onnx/decoder_model_merged{suffix}.onnx`, config/tokenizer/generation files copied).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidOptionError, ModelNotFoundError } from '../core/errors.js';
import { DTYPE_SUFFIX } from '../runtime/model/dtype.js';
import { buildMergedDecoder } from './decoder-graph.js';
import { exportDimsFromConfig, type ExportDims } from './dims.js';
import { buildEncoder } from './encoder-graph.js';
import { readSafetensors } from './safetensors.js';
import { EXPORT_DTYPES, type ExportDtype } from './weight-store.js';
import { whisperWeights, type WhisperWeights } from './whisper-weights.js';

/** Files copied next to the ONNX files when the source folder has them. */
export const COPIED_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'vocab.json',
  'merges.txt',
  'added_tokens.json',
  'special_tokens_map.json',
  'normalizer.json',
] as const;

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
  emit('encoder_model', () => buildEncoder(weights, dims, dtype));
  emit('decoder_model_merged', () => buildMergedDecoder(weights, dims, { dtype, crossAttentions: options.crossAttentions === true }));
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
