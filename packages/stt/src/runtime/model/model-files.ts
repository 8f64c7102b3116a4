/**
 * Which files of a Whisper ONNX export a given dtype needs, decided from a list of the files that exist
 * (a local folder's listing or a Hub repository's siblings). Paths are repository-relative, `/`-separated.
 */
import { ModelNotFoundError } from '../../core/errors.js';
import { CONFIG_FILE, GENERATION_CONFIG_FILE, PREPROCESSOR_CONFIG_FILE } from './config-files.js';
import { DTYPE_SUFFIX, MODEL_DTYPES, dtypeLabel } from './dtype.js';
import type { ComponentDtypes, ModelDtype } from './dtype.js';

/** Folder of the ONNX files inside a model folder. */
export const ONNX_DIR = 'onnx';
/** File stems (before the dtype suffix) of each exported graph. */
export const ENCODER_STEM = 'encoder_model';
export const MERGED_DECODER_STEM = 'decoder_model_merged';
export const DECODER_STEM = 'decoder_model';
export const DECODER_WITH_PAST_STEM = 'decoder_with_past_model';

/** The config files every model folder must hold. */
export const REQUIRED_CONFIG_FILES = [CONFIG_FILE, GENERATION_CONFIG_FILE, PREPROCESSOR_CONFIG_FILE] as const;
/** Tokenizer files used when present. */
export const TOKENIZER_FILES = [
  'tokenizer.json',
  'tokenizer_config.json',
  'vocab.json',
  'merges.txt',
  'added_tokens.json',
  'special_tokens_map.json',
  'normalizer.json',
] as const;

/** Which decoder export to use: the merged one (one graph with a `use_cache_branch` input) or the split pair. */
export type DecoderLayoutOption = 'auto' | 'merged' | 'split';

/** Decoder graphs of a model, by layout. `dataPaths` are external-data files (`*.onnx_data`) the graphs need. */
export type ModelDecoderFiles =
  | { readonly layout: 'merged'; readonly path: string; readonly dataPaths: readonly string[] }
  | { readonly layout: 'split'; readonly path: string; readonly withPastPath: string; readonly dataPaths: readonly string[] };

/** The files one dtype needs, repository-relative. */
export interface ModelFilePlan {
  readonly dtype: ComponentDtypes;
  readonly encoderPath: string;
  readonly encoderDataPaths: readonly string[];
  readonly decoder: ModelDecoderFiles;
  /** Root-level `.json`/`.txt` files (configs, tokenizer, normalizer); the three configs are always included. */
  readonly supportFiles: readonly string[];
  /** Everything above, support files first, then the ONNX graphs and their external data. */
  readonly allFiles: readonly string[];
}

/** `onnx/{stem}{suffix}.onnx` for a dtype. */
export function onnxPath(stem: string, dtype: ModelDtype): string {
  return `${ONNX_DIR}/${stem}${DTYPE_SUFFIX[dtype]}.onnx`;
}

/** External-data files of an ONNX file: `{file}_data`, `{file}_data_1`, ... among `available`. */
export function externalDataFiles(onnxFile: string, available: readonly string[]): string[] {
  const prefix = `${onnxFile}_data`;
  return available.filter((p) => p === prefix || (p.startsWith(`${prefix}_`) && /^\d+$/.test(p.slice(prefix.length + 1)))).sort();
}

/** Dtypes whose encoder and decoder graphs are both present (merged or split decoder). */
export function availableDtypes(available: readonly string[]): ModelDtype[] {
  const has = new Set(available);
  return MODEL_DTYPES.filter(
    (d) =>
      has.has(onnxPath(ENCODER_STEM, d)) &&
      (has.has(onnxPath(MERGED_DECODER_STEM, d)) || (has.has(onnxPath(DECODER_STEM, d)) && has.has(onnxPath(DECODER_WITH_PAST_STEM, d)))),
  );
}

function missing(modelId: string, file: string, available: readonly string[], dtype: ComponentDtypes): ModelNotFoundError {
  const have = availableDtypes(available);
  return new ModelNotFoundError('MODEL_DTYPE_MISSING', `${modelId} has no ${file} (dtype ${dtypeLabel(dtype)})`, {
    hint: have.length > 0 ? `Pick a dtype this model has: ${have.join(', ')}.` : 'This folder or repository holds no Whisper ONNX export (onnx/encoder_model*.onnx).',
    details: { model: modelId, file, dtype: dtypeLabel(dtype) },
  });
}

function planDecoder(modelId: string, available: readonly string[], dtype: ComponentDtypes, layout: DecoderLayoutOption): ModelDecoderFiles {
  const has = new Set(available);
  const merged = onnxPath(MERGED_DECODER_STEM, dtype.decoder);
  const first = onnxPath(DECODER_STEM, dtype.decoder);
  const withPast = onnxPath(DECODER_WITH_PAST_STEM, dtype.decoder);
  const splitOk = has.has(first) && has.has(withPast);
  if (layout !== 'split' && has.has(merged)) {
    return { layout: 'merged', path: merged, dataPaths: externalDataFiles(merged, available) };
  }
  if (layout !== 'merged' && splitOk) {
    const dataPaths = [...externalDataFiles(first, available), ...externalDataFiles(withPast, available)];
    return { layout: 'split', path: first, withPastPath: withPast, dataPaths };
  }
  const want = layout === 'split' ? (has.has(first) ? withPast : first) : merged;
  throw missing(modelId, want, available, dtype);
}

/**
 * Decides the files a dtype needs from the files that exist. Throws ModelNotFoundError (listing the dtypes that do
 * exist) when a graph or a config file is missing.
 * @example planModelFiles('onnx-community/whisper-tiny.en', siblings, { encoder: 'fp32', decoder: 'q4' })
 */
export function planModelFiles(
  modelId: string,
  available: readonly string[],
  dtype: ComponentDtypes,
  layout: DecoderLayoutOption = 'auto',
): ModelFilePlan {
  const has = new Set(available);
  for (const f of REQUIRED_CONFIG_FILES) {
    if (!has.has(f)) {
      throw new ModelNotFoundError('MODEL_FILE_MISSING', `${modelId} has no ${f}`, {
        hint: 'A Whisper model folder needs config.json, generation_config.json and preprocessor_config.json next to onnx/.',
        details: { model: modelId, file: f },
      });
    }
  }
  const encoderPath = onnxPath(ENCODER_STEM, dtype.encoder);
  if (!has.has(encoderPath)) throw missing(modelId, encoderPath, available, dtype);
  const encoderDataPaths = externalDataFiles(encoderPath, available);
  const decoder = planDecoder(modelId, available, dtype, layout);
  const supportFiles = available.filter((p) => !p.includes('/') && /\.(json|txt)$/.test(p)).sort();
  const graphs = decoder.layout === 'merged' ? [decoder.path] : [decoder.path, decoder.withPastPath];
  const allFiles = [...supportFiles, encoderPath, ...encoderDataPaths, ...graphs, ...decoder.dataPaths];
  return { dtype, encoderPath, encoderDataPaths, decoder, supportFiles, allFiles };
}
