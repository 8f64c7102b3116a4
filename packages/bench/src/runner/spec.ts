/**
 * Bench spec files (JSON or YAML): engines × parameter grid × datasets, validated once into a {@link BenchSpec},
 * and expanded into configurations.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InvalidOptionError } from '@cephalon/stt';
import { ENGINE_KINDS, type EngineDefinition } from '../engines/create-engine.js';
import type { EngineParams, ParamValue } from '../engines/types.js';
import { validateEngineParams } from '../engines/validate-params.js';
import { parseLmArg, resolveLmPaths, type LmSpec } from '../lm/lm-spec.js';
import type { BenchConfig, BenchSpec, DatasetSpec, EngineSpec } from './types.js';

type Obj = Record<string, unknown>;

function fail(where: string, message: string, hint: string): never {
  throw new InvalidOptionError('bench_spec', `spec ${where}: ${message}`, { hint, details: { field: where } });
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') fail(`${where}.${key}`, 'must be a non-empty string', `set ${key}`);
  return v;
}

function posInt(v: unknown, where: string, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(where, `${JSON.stringify(v)} is not an integer >= ${min}`, `use an integer >= ${min}`);
  return v;
}

const PATH_FIELDS: Readonly<Record<string, readonly string[]>> = { cephalon: ['model'], 'transformers-js': ['modelDir'] };

function engineDefinition(o: Obj, where: string, baseDir: string): EngineDefinition {
  const kind = str(o, 'kind', where);
  if (!(ENGINE_KINDS as readonly string[]).includes(kind)) fail(`${where}.kind`, `unknown kind '${kind}'`, `use one of ${ENGINE_KINDS.join(', ')}`);
  str(o, 'name', where);
  const def: Obj = { ...o };
  delete def['params'];
  delete def['grid'];
  for (const f of PATH_FIELDS[kind] ?? []) {
    const v = def[f];
    if (typeof v === 'string' && (v.startsWith('./') || v.startsWith('../'))) def[f] = resolve(baseDir, v);
  }
  if (kind === 'command' && typeof def['command'] !== 'string' && !(Array.isArray(def['command']) && def['command'].every((a) => typeof a === 'string'))) {
    fail(`${where}.command`, 'must be an argument array or a command line', "e.g. ['pocketsphinx_continuous', '-infile', '{audio}']");
  }
  if (kind === 'openai-http') str(o, 'baseUrl', where);
  if (kind === 'cephalon') str(o, 'model', where);
  if (kind === 'transformers-js') str(o, 'modelDir', where);
  return def as unknown as EngineDefinition;
}

function engineSpec(raw: unknown, i: number, baseDir: string): EngineSpec {
  const where = `engines[${i}]`;
  if (!isObj(raw)) fail(where, 'must be an object', 'give kind, name and the adapter options');
  const params = raw['params'] ?? {};
  if (!isObj(params)) fail(`${where}.params`, 'must be an object', 'e.g. { language: en }');
  const grid = raw['grid'] ?? {};
  if (!isObj(grid)) fail(`${where}.grid`, 'must be an object of lists', 'e.g. { beamSize: [1, 2, 5] }');
  for (const [k, v] of Object.entries(grid)) if (!Array.isArray(v) || v.length === 0) fail(`${where}.grid.${k}`, 'must be a non-empty list', `e.g. ${k}: [1, 2]`);
  const engine = engineDefinition(raw, where, baseDir);
  const gridKeys = Object.keys(grid);
  const sample: Record<string, ParamValue> = { ...(params as EngineParams) };
  for (const k of gridKeys) sample[k] = (grid[k] as ParamValue[])[0] as ParamValue;
  validateEngineParams(engine, sample, `${where}.params`);
  // every grid value on its own, over the base params (keys were checked above)
  for (const k of gridKeys) for (const [j, v] of (grid[k] as ParamValue[]).entries()) validateEngineParams(engine, { ...sample, [k]: v }, `${where}.grid.${k}[${j}]`);
  return { engine, params: params as EngineParams, grid: grid as EngineSpec['grid'] };
}

function datasetSpec(raw: unknown, i: number, baseDir: string): DatasetSpec {
  const where = `datasets[${i}]`;
  if (!isObj(raw)) fail(where, 'must be an object', 'give manifest: <file> or folder: <dir>');
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  const name = typeof raw['name'] === 'string' ? { name: raw['name'] } : {};
  const limit = raw['limit'] === undefined ? {} : { limit: posInt(raw['limit'], `${where}.limit`, 0, 1) };
  if (typeof raw['manifest'] === 'string') return { ...name, ...limit, manifest: at(raw['manifest']) };
  if (typeof raw['folder'] === 'string') return { ...name, ...limit, folder: at(raw['folder']) };
  return fail(where, 'needs manifest or folder', 'give manifest: <file.jsonl> or folder: <dir>');
}

/** `languageModels`: a list of `--lm` strings (`arpa:FILE`, `onnx:MODEL,TOKENIZER,...`), paths relative to the spec. */
function languageModels(raw: unknown, baseDir: string): LmSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((v) => typeof v === 'string')) fail('languageModels', 'must be a list of strings', "e.g. ['arpa:lm/3gram.arpa']");
  return raw.map((v: string) => resolveLmPaths(parseLmArg(v), baseDir));
}

/** Validates a parsed spec object; `baseDir` resolves relative paths. */
export function validateSpec(raw: unknown, baseDir: string): BenchSpec {
  if (!isObj(raw)) fail('', 'must be an object', 'see docs/bench.md for the format');
  const engines = raw['engines'];
  const datasets = raw['datasets'];
  if (!Array.isArray(engines) || engines.length === 0) fail('engines', 'must be a non-empty list', 'add at least one engine');
  if (!Array.isArray(datasets) || datasets.length === 0) fail('datasets', 'must be a non-empty list', 'add at least one dataset');
  const spec: BenchSpec = {
    name: typeof raw['name'] === 'string' ? raw['name'] : 'bench',
    baseDir,
    engines: engines.map((e, i) => engineSpec(e, i, baseDir)),
    datasets: datasets.map((d, i) => datasetSpec(d, i, baseDir)),
    ...(typeof raw['results'] === 'string' ? { results: resolve(baseDir, raw['results']) } : {}),
    warmup: posInt(raw['warmup'], 'warmup', 0, 0),
    workers: posInt(raw['workers'], 'workers', 1, 1),
    timingTrials: posInt(raw['timingTrials'], 'timingTrials', 1, 1),
    languageModels: languageModels(raw['languageModels'], baseDir),
  };
  const configs = spec.engines.reduce((n, e) => n + gridSize(e.grid), 0);
  if (configs > MAX_BENCH_CONFIGS) {
    const sizes = spec.engines.map((e) => `${e.engine.name}: ${gridSize(e.grid)}`).join(', ');
    fail('grid', `asks for ${configs} configurations (${sizes}), more than ${MAX_BENCH_CONFIGS}`, 'sweep fewer parameters or values per run (each configuration runs every utterance)');
  }
  const names = spec.engines.map((e) => e.engine.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) fail('engines', `two engines are named '${dup}'`, 'give every engine a distinct name');
  return spec;
}

/** Reads a `.json`, `.yaml` or `.yml` spec file. */
export async function loadSpec(path: string): Promise<BenchSpec> {
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    throw new InvalidOptionError('bench_spec_missing', `Cannot read spec file ${path}`, { hint: 'Check the path.', cause: e });
  });
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InvalidOptionError('bench_spec_syntax', `${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`, { hint: 'Fix the syntax.', cause: e });
  }
  return validateSpec(raw, dirname(resolve(path)));
}

/** JSON with object keys sorted, so equal params give equal ids. */
export function canonicalJson(v: ParamValue | EngineParams): string {
  if (Array.isArray(v)) return `[${v.map((x: ParamValue) => canonicalJson(x)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Readonly<Record<string, ParamValue>>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Most configurations one spec may ask for (all engines' grids together); beyond it the spec is refused. */
export const MAX_BENCH_CONFIGS = 10_000;

/** Configurations of an engine's grid: the product of its list lengths, computed without expanding. */
export function gridSize(grid: EngineSpec['grid']): number {
  return Object.values(grid).reduce((n, values) => n * values.length, 1);
}

/** The grid's combinations one at a time (first key slowest), like an odometer: memory stays O(keys). */
function* product(grid: EngineSpec['grid']): Generator<Record<string, ParamValue>> {
  const entries = Object.entries(grid);
  const at = entries.map(() => 0);
  const total = gridSize(grid);
  for (let n = 0; n < total; n++) {
    yield Object.fromEntries(entries.map(([k, values], i) => [k, values[at[i] as number] as ParamValue]));
    for (let i = entries.length - 1; i >= 0; i--) {
      at[i] = (at[i] as number) + 1;
      if ((at[i] as number) < (entries[i]?.[1].length ?? 0)) break;
      at[i] = 0;
    }
  }
}

/** Yields an engine's configurations lazily (grid order: first key slowest). */
export function* iterateConfigs(engine: EngineSpec): Generator<BenchConfig> {
  const swept = Object.keys(engine.grid).filter((k) => (engine.grid[k]?.length ?? 0) > 1);
  for (const combo of product(engine.grid)) {
    const params: EngineParams = { ...engine.params, ...combo };
    const label = [engine.engine.name, ...Object.entries(combo).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)].join(' ');
    yield { id: `${engine.engine.name}${canonicalJson(params)}`, label, engineName: engine.engine.name, params, swept };
  }
}

/** Expands an engine's grid into configurations (grid order: first key slowest). */
export function expandConfigs(engine: EngineSpec): BenchConfig[] {
  return [...iterateConfigs(engine)];
}
