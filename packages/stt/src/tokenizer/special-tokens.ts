/**
 * Finds Whisper's special tokens in the model files by their text, and checks them against the ids that
 * `generation_config.json` / `config.json` state. Nothing here knows an id in advance: English-only, v2 and v3
 * vocabularies place the same tokens at different ids.
 */
import { TokenizerError } from '../core/errors.js';
import { TIME_PRECISION } from '../core/constants.js';
import { isWhisperLanguageCode, languageName } from './languages.js';
import type { TokenizerFiles } from './read-files.js';
import { tokenBytesOf, type ByteVocabulary } from './vocabulary.js';

/** A language token: `<|de|>` has code `de`, name `german`. */
export interface LanguageToken {
  readonly code: string;
  readonly name: string;
  readonly id: number;
}

/** Ids of Whisper's special tokens, as found in one model folder. */
export interface SpecialTokenIds {
  readonly eot: number;
  readonly sot: number;
  readonly translate: number;
  readonly transcribe: number;
  readonly sotLm: number;
  readonly sotPrev: number;
  /** `<|nospeech|>`, called `<|nocaptions|>` in older vocabularies. */
  readonly noSpeech: number;
  readonly noTimestamps: number;
  /** Id of `<|0.00|>`; timestamp `k` (k × 0.02 s) is `timestampBegin + k`. */
  readonly timestampBegin: number;
  /** Number of timestamp tokens (1501 for 0.00 ... 30.00). */
  readonly timestampCount: number;
  /** Language tokens in id order. */
  readonly languages: readonly LanguageToken[];
  readonly isMultilingual: boolean;
}

/** OpenAI's rule: a model is multilingual when its output has at least this many tokens. */
const MIN_MULTILINGUAL_VOCAB = 51865;

/** Text of timestamp token `k`, e.g. `<|1.08|>` for k = 54. */
export function timestampText(seconds: number): string {
  return `<|${seconds.toFixed(2)}|>`;
}

export function resolveSpecialTokens(files: TokenizerFiles, vocab: ByteVocabulary): SpecialTokenIds {
  const gen = files.generation;
  const find = (names: readonly string[], stated?: number, statedIn = 'generation_config.json'): number => {
    for (const name of names) {
      const id = vocab.addedIds.get(name) ?? files.vocab.get(name);
      if (id === undefined) continue;
      if (stated !== undefined && stated !== id) {
        throw new TokenizerError('TOKENIZER_INCONSISTENT', `${files.dir}: ${statedIn} says ${name} is ${stated}, the tokenizer files say ${id}`, {
          hint: 'the tokenizer and generation config come from different models; restore them from one model',
          details: { dir: files.dir, token: name },
        });
      }
      return id;
    }
    throw new TokenizerError('TOKENIZER_TOKEN_MISSING', `${files.dir}: the tokenizer files have no ${names.join(' or ')} token`, {
      hint: 'this is not a Whisper tokenizer, or its added tokens are missing (added_tokens.json / tokenizer.json)',
      details: { dir: files.dir, token: names[0] ?? '' },
    });
  };
  const timestampBegin = find([timestampText(0)]);
  const ids = {
    eot: find(['<|endoftext|>'], gen.eosTokenId),
    sot: find(['<|startoftranscript|>'], gen.decoderStartTokenId),
    translate: find(['<|translate|>'], gen.taskToId?.get('translate')),
    transcribe: find(['<|transcribe|>'], gen.taskToId?.get('transcribe')),
    sotLm: find(['<|startoflm|>']),
    sotPrev: find(['<|startofprev|>'], gen.prevSotTokenId),
    noSpeech: find(['<|nospeech|>', '<|nocaptions|>']),
    noTimestamps: find(['<|notimestamps|>'], gen.noTimestampsTokenId),
    timestampBegin,
    timestampCount: countTimestamps(files.dir, vocab, timestampBegin),
  };
  const languages = findLanguages(files, vocab);
  const size = gen.vocabSize ?? vocab.size;
  const isMultilingual = gen.isMultilingual ?? size >= MIN_MULTILINGUAL_VOCAB;
  if (isMultilingual && languages.length === 0) {
    throw new TokenizerError('TOKENIZER_TOKEN_MISSING', `${files.dir}: a multilingual model without language tokens`, {
      hint: 'the added tokens (<|en|>, <|de|>, ...) are missing from the tokenizer files',
      details: { dir: files.dir },
    });
  }
  return { ...ids, languages, isMultilingual };
}

/** Counts `<|0.00|>`, `<|0.02|>`, ... at consecutive ids, checking each text against the 0.02 s step. */
function countTimestamps(dir: string, vocab: ByteVocabulary, begin: number): number {
  const decoder = new TextDecoder();
  let k = 0;
  while (begin + k < vocab.size && vocab.addedSet.has(begin + k)) {
    const text = decoder.decode(tokenBytesOf(vocab, begin + k));
    if (!/^<\|\d+\.\d\d\|>$/.test(text)) break;
    if (text !== timestampText(k * TIME_PRECISION)) {
      throw new TokenizerError('TOKENIZER_INCONSISTENT', `${dir}: timestamp token ${begin + k} is ${text}, expected ${timestampText(k * TIME_PRECISION)}`, {
        hint: `Whisper's timestamp tokens are ${TIME_PRECISION} s apart at consecutive ids`,
        details: { dir, id: begin + k },
      });
    }
    k++;
  }
  return k;
}

/** Language tokens from `lang_to_id` when present, else every added `<|xx|>` token with a Whisper language code. */
function findLanguages(files: TokenizerFiles, vocab: ByteVocabulary): LanguageToken[] {
  const found: LanguageToken[] = [];
  const stated = files.generation.langToId;
  const entries = stated !== undefined ? [...stated] : [...vocab.addedIds];
  for (const [text, id] of entries) {
    const m = /^<\|([a-z]{2,3})\|>$/.exec(text);
    const code = m?.[1];
    if (code === undefined || !isWhisperLanguageCode(code)) continue;
    const inFiles = vocab.addedIds.get(text);
    if (stated !== undefined && inFiles !== id) {
      throw new TokenizerError('TOKENIZER_INCONSISTENT', `${files.dir}: generation_config.json lang_to_id says ${text} is ${id}, the tokenizer files say ${String(inFiles)}`, {
        hint: 'the tokenizer and generation config come from different models; restore them from one model',
        details: { dir: files.dir, token: text },
      });
    }
    found.push({ code, name: languageName(code) ?? code, id });
  }
  return found.sort((a, b) => a.id - b.id);
}
