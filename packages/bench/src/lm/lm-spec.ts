/**
 * Language models named on the command line or in a spec file, and their loading into scorers:
 *
 *   arpa:PATH[,name=X][,text=raw|normalized]
 *   onnx:MODEL.onnx,TOKENIZER.json[,window=N][,stride=M][,bos=ID][,eos=ID][,name=X][,text=raw|normalized]
 *
 * Paths are taken as written (the caller resolves them); a path cannot contain a comma.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidOptionError, ModelNotFoundError } from '@cephalon/stt';
import { createArpaScorer } from './ngram-scorer.js';
import { createOnnxCausalLmScorer } from './onnx-causal-lm.js';
import { loadTokenizerJson } from './tokenizers.js';
import type { LanguageModelScorer, WindowSpec } from './types.js';

/** Which text an LM scores: the raw transcripts, or the report normaliser's output. */
export type LmTextMode = 'raw' | 'normalized';
export const LM_TEXT_MODES: readonly LmTextMode[] = ['raw', 'normalized'];

/** A back-off n-gram model in an ARPA file. Default text: `normalized` (ARPA models are trained on normalised text). */
export interface ArpaLmSpec {
  readonly kind: 'arpa';
  readonly path: string;
  readonly name?: string;
  readonly text?: LmTextMode;
}

/** An ONNX causal LM with a Hugging Face `tokenizer.json`. Default text: `raw`. */
export interface OnnxLmSpec {
  readonly kind: 'onnx';
  readonly model: string;
  readonly tokenizer: string;
  /** Window length; default the model's `n_positions` / `max_position_embeddings` from a nearby `config.json`. */
  readonly window?: number;
  readonly stride?: number;
  readonly bos?: number;
  readonly eos?: number;
  readonly name?: string;
  readonly text?: LmTextMode;
}

export type LmSpec = ArpaLmSpec | OnnxLmSpec;

/** What a report says about an LM, so that every number is traceable. */
export interface LanguageModelInfo {
  readonly name: string;
  readonly kind: LmSpec['kind'];
  /** File(s) the model came from. */
  readonly source: string;
  readonly tokenizer: string;
  /** Sliding window, or null (n-gram models score each text whole). */
  readonly window: WindowSpec | null;
  readonly boundaryPolicy: string;
  readonly text: LmTextMode;
}

/** A loaded LM: the scorer and its description. */
export interface LoadedLanguageModel {
  readonly scorer: LanguageModelScorer;
  readonly info: LanguageModelInfo;
}

const SYNTAX = 'use arpa:FILE.arpa[,name=X][,text=raw|normalized] or onnx:MODEL.onnx,TOKENIZER.json[,window=N][,stride=M][,bos=ID][,eos=ID][,name=X][,text=...]';

function bad(spec: string, message: string): never {
  throw new InvalidOptionError('lm_spec', `language model '${spec}': ${message}`, { hint: SYNTAX, details: { spec } });
}

function intField(spec: string, key: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) bad(spec, `${key}=${value} is not an integer >= ${min}`);
  return n;
}

function textMode(spec: string, value: string): LmTextMode {
  if (!(LM_TEXT_MODES as readonly string[]).includes(value)) bad(spec, `text=${value} is not raw or normalized`);
  return value as LmTextMode;
}

/**
 * Parses one `--lm` value.
 * @example parseLmArg('onnx:gpt2/model.onnx,gpt2/tokenizer.json,window=1024,bos=50256')
 * @throws InvalidOptionError naming the value when it is malformed.
 */
export function parseLmArg(arg: string): LmSpec {
  const colon = arg.indexOf(':');
  const kind = colon < 0 ? '' : arg.slice(0, colon);
  if (kind !== 'arpa' && kind !== 'onnx') bad(arg, `unknown kind '${kind}'`);
  const parts = arg.slice(colon + 1).split(',');
  const paths = parts.filter((p) => !/^[a-z]+=/.test(p));
  const fields = new Map(parts.filter((p) => /^[a-z]+=/.test(p)).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
  const allowed = kind === 'arpa' ? ['name', 'text'] : ['name', 'text', 'window', 'stride', 'bos', 'eos'];
  for (const key of fields.keys()) if (!allowed.includes(key)) bad(arg, `unknown field '${key}' for ${kind}`);
  const expected = kind === 'arpa' ? 1 : 2;
  if (paths.length !== expected || paths.some((p) => p === '')) bad(arg, `${kind} takes ${expected === 1 ? 'one path' : 'a model path and a tokenizer path'}`);
  const common = {
    ...(fields.has('name') ? { name: fields.get('name') as string } : {}),
    ...(fields.has('text') ? { text: textMode(arg, fields.get('text') as string) } : {}),
  };
  if (kind === 'arpa') return { kind, path: paths[0] as string, ...common };
  const num = (key: string, min: number): Record<string, number> => (fields.has(key) ? { [key]: intField(arg, key, fields.get(key) as string, min) } : {});
  return { kind, model: paths[0] as string, tokenizer: paths[1] as string, ...common, ...num('window', 2), ...num('stride', 1), ...num('bos', 0), ...num('eos', 0) };
}

/** `spec` with its paths resolved against `baseDir` (the working directory, or a spec file's folder). */
export function resolveLmPaths(spec: LmSpec, baseDir: string): LmSpec {
  return spec.kind === 'arpa' ? { ...spec, path: resolve(baseDir, spec.path) } : { ...spec, model: resolve(baseDir, spec.model), tokenizer: resolve(baseDir, spec.tokenizer) };
}

/** Maximum positions from `config.json` next to the model or one folder up (Hugging Face `onnx/` layout). */
function configWindow(modelPath: string): number | undefined {
  for (const dir of [dirname(modelPath), dirname(dirname(modelPath))]) {
    const file = join(dir, 'config.json');
    if (!existsSync(file)) continue;
    try {
      const c = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const n = c['n_positions'] ?? c['max_position_embeddings'];
      if (typeof n === 'number' && Number.isInteger(n) && n > 1) return n;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `gpt2` for `models/gpt2/onnx/model.onnx` (Hugging Face layout), else `folder/file.onnx`. */
function defaultOnnxName(modelPath: string): string {
  const dir = dirname(modelPath);
  return basename(dir) === 'onnx' ? basename(dirname(dir)) : `${basename(dir)}/${basename(modelPath)}`;
}

function mustExist(path: string, what: string): void {
  if (!existsSync(path)) {
    throw new ModelNotFoundError('lm_not_found', `${what} ${path} not found`, { hint: 'Check the path given with --lm (or languageModels in the spec).', details: { path } });
  }
}

/**
 * Loads one LM (once; the scorer then scores many texts). Call `scorer.dispose()` when done.
 * @throws ModelNotFoundError naming the missing file, ModelCorruptError / TokenizerError / RuntimeError for bad files.
 */
export async function loadLanguageModel(spec: LmSpec): Promise<LoadedLanguageModel> {
  if (spec.kind === 'arpa') {
    mustExist(spec.path, 'ARPA language model');
    const scorer = createArpaScorer(spec.path, { name: spec.name ?? basename(spec.path) });
    return { scorer, info: describe(scorer, 'arpa', spec.path, spec.text ?? 'normalized') };
  }
  mustExist(spec.model, 'ONNX language model');
  mustExist(spec.tokenizer, 'tokenizer');
  const windowLength = spec.window ?? configWindow(spec.model);
  if (windowLength === undefined) bad(`onnx:${spec.model}`, 'no window=N given and no config.json with n_positions next to the model');
  const scorer = await createOnnxCausalLmScorer({
    modelPath: spec.model, tokenizer: loadTokenizerJson(spec.tokenizer), windowLength, name: spec.name ?? defaultOnnxName(spec.model),
    ...(spec.stride === undefined ? {} : { stride: spec.stride }),
    ...(spec.bos === undefined ? {} : { bosTokenId: spec.bos }),
    ...(spec.eos === undefined ? {} : { eosTokenId: spec.eos }),
  });
  return { scorer, info: describe(scorer, 'onnx', `${spec.model} + ${spec.tokenizer}`, spec.text ?? 'raw') };
}

function describe(scorer: LanguageModelScorer, kind: LmSpec['kind'], source: string, text: LmTextMode): LanguageModelInfo {
  return { name: scorer.name, kind, source, tokenizer: scorer.tokenizer, window: scorer.window, boundaryPolicy: scorer.boundaryPolicy, text };
}

/** Loads several LMs in order; on failure the ones already loaded are disposed before the error is rethrown. */
export async function loadLanguageModels(specs: readonly LmSpec[]): Promise<LoadedLanguageModel[]> {
  const out: LoadedLanguageModel[] = [];
  try {
    for (const s of specs) out.push(await loadLanguageModel(s));
  } catch (error) {
    for (const lm of out) await lm.scorer.dispose();
    throw error;
  }
  return out;
}
