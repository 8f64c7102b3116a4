/**
 * Reads the tokenizer files of a Hugging Face style Whisper model folder into plain data:
 * `tokenizer.json`, or else `vocab.json` + `merges.txt` (+ `added_tokens.json`, `tokenizer_config.json`,
 * `special_tokens_map.json`); plus `generation_config.json` and `config.json` for token ids when present.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TokenizerError } from '../core/errors.js';
import { asRecord, idMap, idOrUndefined, parseJson } from './json-fields.js';

/** An added token (special token or timestamp) as listed in the model files. */
export interface AddedToken {
  readonly id: number;
  /** The token's text, e.g. `<|startoftranscript|>`, `<|1.08|>`. */
  readonly content: string;
}

/** Token-id facts from `generation_config.json` / `config.json`, each optional. */
export interface GenerationTokenIds {
  readonly decoderStartTokenId?: number;
  readonly eosTokenId?: number;
  readonly noTimestampsTokenId?: number;
  readonly prevSotTokenId?: number;
  readonly isMultilingual?: boolean;
  /** e.g. `{ '<|en|>': 50259 }` */
  readonly langToId?: ReadonlyMap<string, number>;
  /** e.g. `{ transcribe: 50359 }` */
  readonly taskToId?: ReadonlyMap<string, number>;
  /** `vocab_size` of config.json: the model's output size. */
  readonly vocabSize?: number;
}

/** Everything the tokenizer needs, as read from one folder. */
export interface TokenizerFiles {
  readonly dir: string;
  /** Which files the vocabulary came from. */
  readonly source: 'tokenizer.json' | 'vocab.json+merges.txt';
  /** Byte-level token string -> id. */
  readonly vocab: ReadonlyMap<string, number>;
  /** Merge rules as pairs of byte-level token strings, in priority order. */
  readonly merges: readonly (readonly [string, string])[];
  readonly addedTokens: readonly AddedToken[];
  readonly generation: GenerationTokenIds;
}

/** File names, for messages. */
export const TOKENIZER_JSON = 'tokenizer.json';
export const VOCAB_JSON = 'vocab.json';
export const MERGES_TXT = 'merges.txt';

async function readOptional(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TokenizerError('TOKENIZER_FILE_UNREADABLE', `cannot read ${join(dir, name)}`, {
      cause,
      hint: 'check the file permissions of the model folder',
      details: { file: join(dir, name) },
    });
  }
}

/**
 * Reads a model folder's tokenizer files.
 * @throws TokenizerError when neither `tokenizer.json` nor `vocab.json` + `merges.txt` exist, or a file is malformed.
 */
export async function readTokenizerFiles(dir: string): Promise<TokenizerFiles> {
  const [tokenizerJson, generationJson, modelConfig] = await Promise.all(
    [TOKENIZER_JSON, 'generation_config.json', 'config.json'].map((name) => readOptional(dir, name)),
  );
  const generation = readGenerationIds(dir, generationJson, modelConfig);
  if (tokenizerJson !== undefined) return { dir, generation, ...fromTokenizerJson(dir, tokenizerJson) };
  const [vocabJson, mergesTxt, addedJson, configJson, specialMap] = await Promise.all(
    [VOCAB_JSON, MERGES_TXT, 'added_tokens.json', 'tokenizer_config.json', 'special_tokens_map.json'].map((name) =>
      readOptional(dir, name),
    ),
  );
  if (vocabJson === undefined || mergesTxt === undefined) {
    const missing = [vocabJson === undefined ? VOCAB_JSON : '', mergesTxt === undefined ? MERGES_TXT : '']
      .filter((x) => x !== '')
      .join(' and ');
    throw new TokenizerError('TOKENIZER_FILES_MISSING', `no tokenizer files in ${dir}: expected ${TOKENIZER_JSON}, or ${VOCAB_JSON} + ${MERGES_TXT} (missing ${missing})`, {
      hint: `point to a Whisper model folder (Hugging Face layout) that contains ${TOKENIZER_JSON} or ${VOCAB_JSON} and ${MERGES_TXT}`,
      details: { dir },
    });
  }
  const vocab = idMap(parseJson(dir, VOCAB_JSON, vocabJson), join(dir, VOCAB_JSON));
  const merges = parseMergesTxt(dir, mergesTxt);
  const addedTokens = collectAddedTokens(dir, vocab, addedJson, configJson, specialMap);
  return { dir, source: 'vocab.json+merges.txt', vocab, merges, addedTokens, generation };
}

function fromTokenizerJson(dir: string, text: string): Omit<TokenizerFiles, 'dir' | 'generation'> {
  const file = join(dir, TOKENIZER_JSON);
  const root = asRecord(parseJson(dir, TOKENIZER_JSON, text), file);
  const model = asRecord(root['model'], `${file} (model)`);
  if (model['type'] !== undefined && model['type'] !== 'BPE') {
    throw new TokenizerError('TOKENIZER_UNSUPPORTED', `${file} has a ${String(model['type'])} model; Whisper needs a byte-level BPE model`, {
      hint: 'use the tokenizer.json of a Whisper model',
      details: { file },
    });
  }
  const vocab = idMap(model['vocab'], `${file} (model.vocab)`);
  const rawMerges = model['merges'];
  if (!Array.isArray(rawMerges)) throw malformed(file, 'model.merges is not a list');
  const merges = rawMerges.map((m, i): readonly [string, string] => {
    const pair = typeof m === 'string' ? splitMergeLine(m) : m;
    if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
      return [pair[0], pair[1]];
    }
    throw malformed(file, `merge ${i} is neither "a b" nor ["a", "b"]`);
  });
  const added = root['added_tokens'] ?? [];
  if (!Array.isArray(added)) throw malformed(file, 'added_tokens is not a list');
  const addedTokens = added.map((t, i): AddedToken => {
    const rec = asRecord(t, `${file} (added_tokens[${i}])`);
    const id = rec['id'];
    const content = rec['content'];
    if (typeof id !== 'number' || typeof content !== 'string') throw malformed(file, `added_tokens[${i}] lacks id/content`);
    return { id, content };
  });
  return { source: 'tokenizer.json', vocab, merges, addedTokens };
}

function splitMergeLine(line: string): readonly string[] | undefined {
  const space = line.indexOf(' ');
  if (space <= 0 || line.indexOf(' ', space + 1) >= 0) return undefined;
  return [line.slice(0, space), line.slice(space + 1)];
}

function parseMergesTxt(dir: string, text: string): (readonly [string, string])[] {
  const merges: (readonly [string, string])[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || (i === 0 && line.startsWith('#version'))) return;
    const pair = splitMergeLine(line);
    if (pair === undefined) throw malformed(join(dir, MERGES_TXT), `line ${i + 1} is not "left right"`);
    merges.push([pair[0] as string, pair[1] as string]);
  });
  return merges;
}

/** Added tokens of the vocab.json layout: added_tokens.json, tokenizer_config.json and special_tokens_map.json. */
function collectAddedTokens(
  dir: string,
  vocab: ReadonlyMap<string, number>,
  addedJson: string | undefined,
  configJson: string | undefined,
  specialMap: string | undefined,
): AddedToken[] {
  const byId = new Map<number, string>();
  if (addedJson !== undefined) {
    for (const [content, id] of idMap(parseJson(dir, 'added_tokens.json', addedJson), join(dir, 'added_tokens.json'))) byId.set(id, content);
  }
  if (configJson !== undefined) {
    const decoder = asRecord(parseJson(dir, 'tokenizer_config.json', configJson), join(dir, 'tokenizer_config.json'))['added_tokens_decoder'];
    if (decoder !== undefined) {
      for (const [key, value] of Object.entries(asRecord(decoder, join(dir, 'tokenizer_config.json')))) {
        const content = asRecord(value, join(dir, 'tokenizer_config.json'))['content'];
        if (typeof content === 'string' && !byId.has(Number(key))) byId.set(Number(key), content);
      }
    }
  }
  if (specialMap !== undefined) {
    for (const value of Object.values(asRecord(parseJson(dir, 'special_tokens_map.json', specialMap), join(dir, 'special_tokens_map.json')))) {
      const names = Array.isArray(value) ? value : [value];
      for (const v of names) {
        const content = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['content'] : undefined;
        const id = typeof content === 'string' ? vocab.get(content) : undefined;
        if (typeof content === 'string' && id !== undefined && !byId.has(id)) byId.set(id, content);
      }
    }
  }
  return [...byId].map(([id, content]) => ({ id, content })).sort((a, b) => a.id - b.id);
}

function readGenerationIds(dir: string, generationJson: string | undefined, modelConfig: string | undefined): GenerationTokenIds {
  const gen = generationJson === undefined ? {} : asRecord(parseJson(dir, 'generation_config.json', generationJson), join(dir, 'generation_config.json'));
  const cfg = modelConfig === undefined ? {} : asRecord(parseJson(dir, 'config.json', modelConfig), join(dir, 'config.json'));
  const pick = (key: string): number | undefined => idOrUndefined(gen[key]) ?? idOrUndefined(cfg[key]);
  const out: { -readonly [K in keyof GenerationTokenIds]: GenerationTokenIds[K] } = {};
  const set = <K extends keyof GenerationTokenIds>(key: K, value: GenerationTokenIds[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('decoderStartTokenId', pick('decoder_start_token_id'));
  set('eosTokenId', pick('eos_token_id'));
  set('noTimestampsTokenId', pick('no_timestamps_token_id'));
  set('prevSotTokenId', pick('prev_sot_token_id'));
  set('vocabSize', idOrUndefined(cfg['vocab_size']));
  const multi = gen['is_multilingual'];
  set('isMultilingual', typeof multi === 'boolean' ? multi : undefined);
  set('langToId', gen['lang_to_id'] === undefined ? undefined : idMap(gen['lang_to_id'], join(dir, 'generation_config.json (lang_to_id)')));
  set('taskToId', gen['task_to_id'] === undefined ? undefined : idMap(gen['task_to_id'], join(dir, 'generation_config.json (task_to_id)')));
  return out;
}

function malformed(file: string, what: string): TokenizerError {
  return new TokenizerError('TOKENIZER_FILE_MALFORMED', `malformed ${file}: ${what}`, { hint: 'restore the file from the model repository', details: { file } });
}
