/**
 * Writes an English-only (`.en`) Whisper tokenizer folder in the `vocab.json` + `merges.txt` layout from
 * `gpt2.tiktoken`, laid out like the Hub's `.en` models: ids 0..50255 BPE, `<|endoftext|>` 50256,
 * `<|startoftranscript|>` 50257, 99 language tokens, tasks, `<|startoflm|>`, `<|startofprev|>`,
 * `<|nocaptions|>`, `<|notimestamps|>`, then 1501 timestamps. Every special id is one lower than in the
 * multilingual files, which is what proves that no id is hard-coded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToByteLevel } from '../byte-level.js';
import { WHISPER_LANGUAGES } from '../languages.js';
import { deriveMerges, type TiktokenRanks } from './tiktoken-reference.js';

/** Languages of v1/v2 vocabularies (all but v3's `yue`). */
const V2_LANGUAGE_COUNT = 99;
const TIMESTAMP_COUNT = 1501;

/** Ids the written folder uses, for the tests to compare against. */
export interface WrittenSpecialIds {
  readonly eot: number;
  readonly sot: number;
  readonly firstLanguage: number;
  readonly translate: number;
  readonly transcribe: number;
  readonly sotLm: number;
  readonly sotPrev: number;
  readonly noSpeech: number;
  readonly noTimestamps: number;
  readonly timestampBegin: number;
}

export function writeEnglishModelFolder(dir: string, ranks: TiktokenRanks): WrittenSpecialIds {
  const vocab: Record<string, number> = {};
  ranks.bytesOf.forEach((bytes, rank) => {
    vocab[bytesToByteLevel(bytes)] = rank;
  });
  const eot = ranks.bytesOf.length;
  vocab['<|endoftext|>'] = eot;
  const merges = deriveMerges(ranks).map(([l, r]) => `${bytesToByteLevel(l)} ${bytesToByteLevel(r)}`);
  const names = [
    '<|startoftranscript|>',
    ...WHISPER_LANGUAGES.slice(0, V2_LANGUAGE_COUNT).map(([code]) => `<|${code}|>`),
    '<|translate|>', '<|transcribe|>', '<|startoflm|>', '<|startofprev|>', '<|nocaptions|>', '<|notimestamps|>',
    ...Array.from({ length: TIMESTAMP_COUNT }, (_, k) => `<|${(k * 0.02).toFixed(2)}|>`),
  ];
  const added: Record<string, number> = {};
  names.forEach((name, i) => {
    added[name] = eot + 1 + i;
  });
  const id = (name: string): number => added[name] as number;
  const ids: WrittenSpecialIds = {
    eot,
    sot: id('<|startoftranscript|>'),
    firstLanguage: id('<|en|>'),
    translate: id('<|translate|>'),
    transcribe: id('<|transcribe|>'),
    sotLm: id('<|startoflm|>'),
    sotPrev: id('<|startofprev|>'),
    noSpeech: id('<|nocaptions|>'),
    noTimestamps: id('<|notimestamps|>'),
    timestampBegin: id('<|0.00|>'),
  };
  writeFileSync(join(dir, 'vocab.json'), JSON.stringify(vocab));
  writeFileSync(join(dir, 'merges.txt'), `#version: 0.2\n${merges.join('\n')}\n`);
  writeFileSync(join(dir, 'added_tokens.json'), JSON.stringify(added));
  writeFileSync(join(dir, 'special_tokens_map.json'), JSON.stringify({ bos_token: '<|endoftext|>', eos_token: '<|endoftext|>', unk_token: '<|endoftext|>' }));
  writeFileSync(
    join(dir, 'generation_config.json'),
    JSON.stringify({
      decoder_start_token_id: ids.sot,
      eos_token_id: eot,
      is_multilingual: false,
      no_timestamps_token_id: ids.noTimestamps,
      prev_sot_token_id: ids.sotPrev,
    }),
  );
  return ids;
}
