/**
 * Config and tokenizer files of a random-weight model, derived from the dev model's multilingual files
 * (`../shared/models/whisper-dev-random`, 51865 ids):
 * - `multilingual`: the files as they are;
 * - `v3` (large-v3, turbo; 51866 ids): `<|yue|>` inserted at 50358 after the 99 languages, every later id + 1, as in
 *   the published large-v3 files;
 * - `english` (`.en`; 51864 ids): the English-only id layout (end-of-text 50256, start-of-transcript 50257, ...,
 *   timestamps from 50363). Its BPE part is the multilingual ranks 0-50255 (the unused empty token 50256 is dropped),
 *   NOT GPT-2's English vocabulary, which cannot be downloaded here: ids, special tokens and sizes are those of a real
 *   `.en` model, the text of the ids is not. Random weights produce gibberish either way.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelNotFoundError } from '../core/errors.js';
import type { ExportDims } from './dims.js';

export type VocabKind = 'multilingual' | 'english' | 'v3';

/** Multilingual id -> id in `kind` (null: the id does not exist there). */
export function remapId(id: number, kind: VocabKind): number | null {
  if (kind === 'english') return id < 50256 ? id : id === 50256 ? null : id - 1;
  if (kind === 'v3') return id <= 50357 ? id : id + 1;
  return id;
}

/** Special ids of a vocabulary kind (what the random recipe boosts). */
export function specialIds(kind: VocabKind): { eot: number; noSpeech: number; firstTimestamp: number } {
  const m = (id: number): number => remapId(id, kind) as number;
  return { eot: m(50257), noSpeech: m(50362), firstTimestamp: m(50364) };
}

const YUE = '<|yue|>';
const YUE_ID = 50358;

type Json = Record<string, unknown>;

function readJson(dir: string, name: string): Json {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json;
}

function mapList(ids: unknown, kind: VocabKind): number[] {
  return (Array.isArray(ids) ? (ids as number[]) : []).map((id) => remapId(id, kind)).filter((id): id is number => id !== null);
}

function mapScalar(o: Json, key: string, kind: VocabKind): void {
  if (typeof o[key] === 'number') o[key] = remapId(o[key] as number, kind);
}

function addedTokenRecord(id: number): Json {
  return { id, content: YUE, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** The `vocab.json` / tokenizer.json `model.vocab` map for `kind`. */
function mapVocab(vocab: Record<string, number>, kind: VocabKind): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [token, id] of Object.entries(vocab)) {
    const m = remapId(id, kind);
    if (m !== null) out[token] = m;
  }
  return out;
}

function mapForced(forced: unknown, kind: VocabKind): unknown {
  if (!Array.isArray(forced)) return forced;
  return (forced as [number, number | null][]).map(([pos, id]) => [pos, id === null ? null : remapId(id, kind)]);
}

/**
 * Writes config.json (with `dims`), generation_config.json and the tokenizer files for `kind` into `out`,
 * from the multilingual files in `source`; copies merges.txt, normalizer.json and preprocessor_config.json
 * (with `feature_size` = the mel bins).
 */
export function writeModelFiles(source: string, out: string, dims: ExportDims, kind: VocabKind, name: string): void {
  for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json', 'merges.txt', 'added_tokens.json', 'special_tokens_map.json', 'preprocessor_config.json']) {
    if (!existsSync(join(source, f))) {
      throw new ModelNotFoundError('EXPORT_TOKENIZER_SOURCE', `${join(source, f)} is missing`, { hint: 'Random models take their tokenizer from ../shared/models/whisper-dev-random; point tokenizerFrom at a multilingual Whisper folder.', details: { file: join(source, f) } });
    }
  }
  const write = (file: string, value: unknown): void => writeFileSync(join(out, file), `${JSON.stringify(value, null, 2)}\n`);
  const english = kind === 'english';
  // config.json
  const config = readJson(source, 'config.json');
  Object.assign(config, {
    _name_or_path: name,
    d_model: dims.dModel,
    encoder_layers: dims.encoderLayers,
    encoder_attention_heads: dims.encoderHeads,
    decoder_layers: dims.decoderLayers,
    decoder_attention_heads: dims.decoderHeads,
    encoder_ffn_dim: dims.ffn,
    decoder_ffn_dim: dims.ffn,
    num_hidden_layers: dims.encoderLayers,
    num_mel_bins: dims.nMels,
    max_source_positions: dims.nAudioCtx,
    max_target_positions: dims.nTextCtx,
    vocab_size: dims.vocabSize,
    suppress_tokens: mapList(config['suppress_tokens'], kind),
    begin_suppress_tokens: mapList(config['begin_suppress_tokens'], kind),
    forced_decoder_ids: english ? [[1, remapId(50363, kind)]] : mapForced(config['forced_decoder_ids'], kind),
  });
  for (const k of ['bos_token_id', 'eos_token_id', 'pad_token_id', 'decoder_start_token_id']) mapScalar(config, k, kind);
  write('config.json', config);
  // generation_config.json
  const gen = readJson(source, 'generation_config.json');
  for (const k of ['bos_token_id', 'eos_token_id', 'pad_token_id', 'decoder_start_token_id', 'no_timestamps_token_id', 'prev_sot_token_id']) mapScalar(gen, k, kind);
  gen['suppress_tokens'] = mapList(gen['suppress_tokens'], kind);
  gen['begin_suppress_tokens'] = mapList(gen['begin_suppress_tokens'], kind);
  const upper = Math.floor(dims.decoderLayers / 2);
  gen['alignment_heads'] = Array.from({ length: dims.decoderLayers - upper }, (_, l) => Array.from({ length: dims.decoderHeads }, (_, h) => [upper + l, h])).flat();
  if (english) {
    delete gen['lang_to_id'];
    delete gen['task_to_id'];
    gen['is_multilingual'] = false;
    gen['forced_decoder_ids'] = [[1, remapId(50363, kind)]];
  } else {
    const langs = gen['lang_to_id'] as Record<string, number>;
    const mapped: Record<string, number> = {};
    for (const [k, v] of Object.entries(langs)) mapped[k] = remapId(v, kind) as number;
    if (kind === 'v3') mapped[YUE] = YUE_ID;
    gen['lang_to_id'] = mapped;
    const tasks = gen['task_to_id'] as Record<string, number>;
    gen['task_to_id'] = Object.fromEntries(Object.entries(tasks).map(([k, v]) => [k, remapId(v, kind)]));
    gen['forced_decoder_ids'] = mapForced(gen['forced_decoder_ids'], kind);
  }
  write('generation_config.json', gen);
  // vocab.json and tokenizer.json
  write('vocab.json', mapVocab(readJson(source, 'vocab.json') as Record<string, number>, kind));
  const tok = readJson(source, 'tokenizer.json');
  const model = tok['model'] as Json;
  model['vocab'] = mapVocab(model['vocab'] as Record<string, number>, kind);
  const added = (tok['added_tokens'] as Json[]).flatMap((t): Json[] => {
    const id = remapId(t['id'] as number, kind);
    return id === null ? [] : [{ ...t, id }];
  });
  if (kind === 'v3') added.splice(added.findIndex((t) => (t['id'] as number) > YUE_ID), 0, addedTokenRecord(YUE_ID));
  tok['added_tokens'] = added;
  const post = tok['post_processor'] as Json | null;
  const specials = post?.['special_tokens'] as Record<string, Json> | undefined;
  if (specials !== undefined) for (const s of Object.values(specials)) s['ids'] = mapList(s['ids'], kind);
  write('tokenizer.json', tok);
  // tokenizer_config.json, added_tokens.json, special_tokens_map.json
  const tc = readJson(source, 'tokenizer_config.json');
  const decoder: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(tc['added_tokens_decoder'] as Record<string, unknown>)) {
    const m = remapId(Number(id), kind);
    if (m !== null) decoder[String(m)] = v;
    if (kind === 'v3' && m === YUE_ID - 1) decoder[String(YUE_ID)] = { content: YUE, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
  }
  tc['added_tokens_decoder'] = decoder;
  const withYue = (list: unknown): unknown => {
    if (kind !== 'v3' || !Array.isArray(list)) return list;
    const l = [...(list as string[])];
    l.splice(l.indexOf('<|su|>') + 1, 0, YUE);
    return l;
  };
  tc['additional_special_tokens'] = withYue(tc['additional_special_tokens']);
  write('tokenizer_config.json', tc);
  const at = readJson(source, 'added_tokens.json') as Record<string, number>;
  const atOut: Record<string, number> = {};
  for (const [k, v] of Object.entries(at)) {
    const m = remapId(v, kind);
    if (m !== null) atOut[k] = m;
  }
  if (kind === 'v3') atOut[YUE] = YUE_ID;
  write('added_tokens.json', atOut);
  const stm = readJson(source, 'special_tokens_map.json');
  stm['additional_special_tokens'] = withYue(stm['additional_special_tokens']);
  write('special_tokens_map.json', stm);
  const pre = readJson(source, 'preprocessor_config.json');
  pre['feature_size'] = dims.nMels;
  write('preprocessor_config.json', pre);
  copyFileSync(join(source, 'merges.txt'), join(out, 'merges.txt'));
  if (existsSync(join(source, 'normalizer.json'))) copyFileSync(join(source, 'normalizer.json'), join(out, 'normalizer.json'));
}
