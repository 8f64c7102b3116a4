/**
 * A model folder resolved for one dtype: absolute paths of every graph and config file plus the parsed configs.
 * This is what the ONNX Runtime sessions are created from.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ModelNotFoundError } from '../../core/errors.js';
import { readModelDims } from '../model-dims.js';
import type { WhisperModelDims } from '../types.js';
import { CONFIG_FILE, GENERATION_CONFIG_FILE, PREPROCESSOR_CONFIG_FILE, readModelConfigs } from './config-files.js';
import type { ModelConfigs } from './config-files.js';
import { normalizeDtype } from './dtype.js';
import type { ComponentDtypes, DtypeOption } from './dtype.js';
import { ONNX_DIR, TOKENIZER_FILES, planModelFiles } from './model-files.js';
import type { ModelDecoderFiles, DecoderLayoutOption } from './model-files.js';
import { checkOnnxFile } from './onnx-check.js';

/** Where a manifest's files came from. */
export type ModelSource = 'folder' | 'cache' | 'download';

/** A Whisper model ready to load: every path absolute. */
export interface ModelManifest {
  /** The Hub id (`onnx-community/whisper-tiny.en`) or, for a local folder, its absolute path. */
  readonly id: string;
  /** Absolute folder holding the files (for cached models, the snapshot folder). */
  readonly dir: string;
  readonly source: ModelSource;
  /** Commit of the cached snapshot; undefined for local folders. */
  readonly commit: string | undefined;
  readonly dtype: ComponentDtypes;
  readonly encoderPath: string;
  /** External-data files of the encoder (`encoder_model.onnx_data`), found by ONNX Runtime next to the graph. */
  readonly encoderDataPaths: readonly string[];
  readonly decoder: ModelDecoderFiles;
  readonly configPaths: { readonly config: string; readonly generation: string; readonly preprocessor: string };
  readonly configs: ModelConfigs;
  /** Model sizes from config.json (what `loadWhisperModel` needs). */
  readonly dims: WhisperModelDims;
  /** Tokenizer files present in the folder (tokenizer.json, vocab.json, merges.txt, ...), absolute. */
  readonly tokenizerPaths: readonly string[];
}

/** Options of `resolveManifest`. */
export interface ManifestOptions {
  /** Dtype of both components or of each; default fp32. */
  readonly dtype?: DtypeOption;
  /** Decoder export to use; `auto` prefers the merged decoder. */
  readonly decoderLayout?: DecoderLayoutOption;
  /** Id to report; default the absolute folder path. */
  readonly id?: string;
  readonly source?: ModelSource;
  readonly commit?: string;
  /** Check each ONNX file's protobuf structure (cheap: a few reads per file). Default true. */
  readonly verify?: boolean;
}

/** Whether a folder entry is (or links to) a folder; symbolic links are followed, broken ones count as files. */
async function isFolderEntry(dir: string, entry: { name: string; isDirectory(): boolean; isSymbolicLink(): boolean }): Promise<boolean> {
  if (entry.isDirectory()) return true;
  return entry.isSymbolicLink() && (await isDirectory(join(dir, entry.name)));
}

/**
 * Repository-relative paths of the files in a model folder: its root files and `onnx/` files. Symbolic links
 * (a linked `onnx/` folder, linked files) are followed; a folder where a file is expected is listed, so the
 * file check reports it by name.
 */
export async function listModelFolder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const folder = await isFolderEntry(dir, entry);
    if (folder && entry.name === ONNX_DIR) {
      for (const sub of await readdir(join(dir, ONNX_DIR))) out.push(`${ONNX_DIR}/${sub}`);
    } else if (!folder) {
      out.push(entry.name);
    }
  }
  return out.sort();
}

/** The absolute path of `name` when it names an existing folder (a leading `~/` is the home folder), else undefined. */
export async function existingFolder(name: string): Promise<string | undefined> {
  const path = name === '~' || name.startsWith('~/') ? join(homedir(), name.slice(1)) : name;
  return (await isDirectory(path)) ? resolve(path) : undefined;
}

/** True when `dir` is an existing folder. */
export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Resolves a local model folder and a dtype to a manifest. Throws ModelNotFoundError for a missing folder, config
 * or graph (naming the dtypes the folder does have) and ModelCorruptError for a damaged file.
 * @example const m = await resolveManifest('/models/whisper-tiny.en', { dtype: { encoder: 'fp32', decoder: 'q4' } });
 */
export async function resolveManifest(folder: string, options: ManifestOptions = {}): Promise<ModelManifest> {
  const dir = resolve(folder);
  const id = options.id ?? dir;
  if (!(await isDirectory(dir))) {
    throw new ModelNotFoundError('MODEL_FOLDER_MISSING', `Model folder not found: ${dir}`, {
      hint: 'Pass an existing folder holding config.json and onnx/*.onnx, or a model alias such as tiny.en.',
      details: { dir },
    });
  }
  const dtype = normalizeDtype(options.dtype);
  const plan = planModelFiles(id, await listModelFolder(dir), dtype, options.decoderLayout ?? 'auto');
  const abs = (p: string): string => join(dir, ...p.split('/'));
  const decoder: ModelDecoderFiles =
    plan.decoder.layout === 'merged'
      ? { layout: 'merged', path: abs(plan.decoder.path), dataPaths: plan.decoder.dataPaths.map(abs) }
      : { layout: 'split', path: abs(plan.decoder.path), withPastPath: abs(plan.decoder.withPastPath), dataPaths: plan.decoder.dataPaths.map(abs) };
  const encoderPath = abs(plan.encoderPath);
  if (options.verify ?? true) {
    const graphs = decoder.layout === 'merged' ? [decoder.path] : [decoder.path, decoder.withPastPath];
    await Promise.all([encoderPath, ...graphs].map((g) => checkOnnxFile(g)));
  }
  const configs = await readModelConfigs(dir);
  const configPath = abs(CONFIG_FILE);
  const dims = readModelDims(await readFile(configPath, 'utf8'), configPath);
  return {
    id,
    dir,
    source: options.source ?? 'folder',
    commit: options.commit,
    dtype,
    encoderPath,
    encoderDataPaths: plan.encoderDataPaths.map(abs),
    decoder,
    configPaths: { config: configPath, generation: abs(GENERATION_CONFIG_FILE), preprocessor: abs(PREPROCESSOR_CONFIG_FILE) },
    configs,
    dims,
    tokenizerPaths: TOKENIZER_FILES.filter((f) => plan.supportFiles.includes(f)).map(abs),
  };
}
