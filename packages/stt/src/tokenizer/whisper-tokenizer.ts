/**
 * Whisper's tokenizer: byte-level BPE text encoding/decoding plus the special and timestamp tokens,
 * with every id taken from the model files.
 */
import { TokenizerError } from '../core/errors.js';
import { TIME_PRECISION } from '../core/constants.js';
import { BytePairEncoder } from './bpe.js';
import { preTokenize } from './pre-tokenize.js';
import { toLanguageCode } from './languages.js';
import { computeNonSpeechTokens } from './non-speech.js';
import { splitToSegments, type TokenSegment } from './segments.js';
import { splitTokensOnUnicode, splitToWordTokens, tokenTexts, type TokenGroup } from './token-groups.js';
import type { LanguageToken, SpecialTokenIds } from './special-tokens.js';
import type { ByteVocabulary } from './vocabulary.js';

/** What the model is asked to do after the language token. */
export type WhisperTask = 'transcribe' | 'translate';

/** Options of {@link WhisperTokenizer.decode}. */
export interface DecodeOptions {
  /** Leave out every special token (`<|en|>`, `<|endoftext|>`, ...); timestamps are always left out. Default false. */
  readonly skipSpecial?: boolean;
}

export class WhisperTokenizer {
  /** `<|endoftext|>` */
  readonly eot: number;
  /** `<|startoftranscript|>` */
  readonly sot: number;
  readonly transcribe: number;
  readonly translate: number;
  /** `<|startofprev|>`: precedes a text prompt. */
  readonly sotPrev: number;
  /** `<|startoflm|>` */
  readonly sotLm: number;
  /** `<|nospeech|>` (or `<|nocaptions|>`): its probability at the first step is the no-speech probability. */
  readonly noSpeech: number;
  readonly noTimestamps: number;
  /** Id of `<|0.00|>`; every id from here on is a timestamp. */
  readonly timestampBegin: number;
  /** Id of the last timestamp token (`<|30.00|>`). */
  readonly timestampEnd: number;
  /** Whether the model knows several languages (false for `.en` models: the prompt is just `<|startoftranscript|>`). */
  readonly isMultilingual: boolean;
  /** Language tokens in id order (OpenAI's `LANGUAGES` order). */
  readonly languages: readonly LanguageToken[];
  /** Language codes in id order, e.g. `['en', 'zh', 'de', ...]`. */
  readonly languageCodes: readonly string[];
  /** Number of ids, special and timestamp tokens included. */
  readonly vocabSize: number;
  /** Folder the files were read from. */
  readonly modelDir: string;

  private readonly bpe: BytePairEncoder;
  private readonly languageIds: ReadonlyMap<string, number>;
  private nonSpeech: readonly number[] | undefined;
  /** Keeps a leading U+FEFF (the default decoder would drop it) and writes bad UTF-8 as U+FFFD, like tiktoken. */
  private readonly utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  /** Use {@link loadTokenizer}; this constructor takes already-validated data. */
  constructor(
    private readonly vocab: ByteVocabulary,
    special: SpecialTokenIds,
    modelDir: string,
  ) {
    this.eot = special.eot;
    this.sot = special.sot;
    this.transcribe = special.transcribe;
    this.translate = special.translate;
    this.sotPrev = special.sotPrev;
    this.sotLm = special.sotLm;
    this.noSpeech = special.noSpeech;
    this.noTimestamps = special.noTimestamps;
    this.timestampBegin = special.timestampBegin;
    this.timestampEnd = special.timestampBegin + special.timestampCount - 1;
    this.isMultilingual = special.isMultilingual;
    this.languages = special.languages;
    this.languageCodes = special.languages.map((l) => l.code);
    this.languageIds = new Map(special.languages.map((l) => [l.code, l.id]));
    this.vocabSize = vocab.size;
    this.modelDir = modelDir;
    this.bpe = new BytePairEncoder(vocab.byteToId, vocab.merges);
  }

  /**
   * Ids of ordinary text; special-token text such as `<|endoftext|>` is encoded as plain characters.
   * @example tok.encode(' Hello world') // [2425, 1002] with the multilingual vocabulary
   */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const piece of preTokenize(text)) for (const id of this.bpe.encodePiece(piece)) ids.push(id);
    return ids;
  }

  /**
   * Text of some ids, as OpenAI's `decode`: timestamp tokens are left out, other special tokens are written
   * as their text unless `skipSpecial`. Invalid UTF-8 becomes U+FFFD.
   * @throws TokenizerError for an id outside the vocabulary.
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const keep = options.skipSpecial === true ? (id: number) => !this.vocab.addedSet.has(id) : (id: number) => !this.isTimestamp(id);
    return this.decodeFiltered(ids, keep);
  }

  /** Text of some ids with timestamps written as `<|1.08|>`, as OpenAI's `decode_with_timestamps`. */
  decodeWithTimestamps(ids: readonly number[]): string {
    return this.decodeFiltered(ids, () => true);
  }

  /** Raw bytes of some ids (special tokens as the UTF-8 of their text). */
  decodeBytes(ids: readonly number[]): Uint8Array {
    const { pool, offsets } = this.vocab;
    let length = 0;
    for (const id of ids) {
      this.checkId(id);
      length += (offsets[id + 1] as number) - (offsets[id] as number);
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const id of ids) {
      const start = offsets[id] as number;
      const end = offsets[id + 1] as number;
      out.set(pool.subarray(start, end), at);
      at += end - start;
    }
    return out;
  }

  /** Per-token text, partial UTF-8 carried to the token that completes the character (see {@link tokenTexts}). */
  tokenTexts(ids: readonly number[]): string[] {
    return tokenTexts(this, ids);
  }

  /** OpenAI's `split_tokens_on_unicode`: groups of ids that decode to whole characters. */
  splitTokensOnUnicode(ids: readonly number[]): TokenGroup[] {
    return splitTokensOnUnicode(this, ids);
  }

  /** OpenAI's `split_to_word_tokens`: words for word timestamps (character groups for zh/ja/th/lo/my/yue). */
  splitToWordTokens(ids: readonly number[], language: string): TokenGroup[] {
    return splitToWordTokens(this, ids, language);
  }

  /**
   * Timed segments of one window's sampled tokens by OpenAI's `transcribe()` rule (see {@link splitToSegments}).
   * @param timeOffsetSec start of the window in the audio.
   * @param windowDurationSec audio length in the window, for a segment without a closing timestamp.
   * @example tok.splitToSegments([tok.timestampBegin, ...tok.encode(' Hi'), tok.timestampBegin + 50], 30)
   * // [{ startSec: 30, endSec: 31, text: ' Hi', tokens: [...] }]
   */
  splitToSegments(ids: readonly number[], timeOffsetSec = 0, windowDurationSec?: number): TokenSegment[] {
    return splitToSegments(this, ids, timeOffsetSec, windowDurationSec);
  }

  /** Whether `id` is a timestamp token. */
  isTimestamp(id: number): boolean {
    return id >= this.timestampBegin && id <= this.timestampEnd;
  }

  /** Whether `id` is a special or timestamp token (an added token of the model files). */
  isSpecial(id: number): boolean {
    return this.vocab.addedSet.has(id);
  }

  /** Seconds of a timestamp token, relative to its window: `<|1.08|>` -> 1.08. */
  timestampToSec(id: number): number {
    if (!this.isTimestamp(id)) throw new TokenizerError('TOKENIZER_NOT_TIMESTAMP', `token ${id} is not a timestamp token`, { details: { id } });
    return (id - this.timestampBegin) * TIME_PRECISION;
  }

  /** The timestamp token nearest to `seconds` (clamped to the 0..30 s range). */
  timestampToken(seconds: number): number {
    const k = Math.min(Math.max(Math.round(seconds / TIME_PRECISION), 0), this.timestampEnd - this.timestampBegin);
    return this.timestampBegin + k;
  }

  /**
   * Id of a language token from a code or English name (`'de'`, `'German'`).
   * @throws TokenizerError when the model has no such language.
   */
  languageToken(codeOrName: string): number {
    const code = toLanguageCode(codeOrName);
    const id = code === undefined ? undefined : this.languageIds.get(code);
    if (id === undefined) {
      throw new TokenizerError('TOKENIZER_UNKNOWN_LANGUAGE', `the tokenizer of ${this.modelDir} has no language ${JSON.stringify(codeOrName)}`, {
        hint: `use one of: ${this.languageCodes.join(', ')}`,
        details: { language: codeOrName },
      });
    }
    return id;
  }

  /** Language code of a language token id, or `undefined`. */
  languageOf(id: number): string | undefined {
    return this.languages.find((l) => l.id === id)?.code;
  }

  /**
   * The decoder prompt: `<|startoftranscript|>`, then for multilingual models the language (if given) and the
   * task (if given). English-only models take neither: they accept only `'en'` and `'transcribe'`.
   * @example tok.sotSequence('en', 'transcribe') // [50258, 50259, 50359] for a multilingual model
   */
  sotSequence(language?: string, task?: WhisperTask): number[] {
    if (!this.isMultilingual) {
      if ((language !== undefined && toLanguageCode(language) !== 'en') || task === 'translate') {
        throw new TokenizerError('TOKENIZER_ENGLISH_ONLY', `${this.modelDir} is an English-only model: it cannot ${task === 'translate' ? 'translate' : `transcribe ${language ?? ''}`}`, {
          hint: 'use a multilingual model, or language "en" and task "transcribe"',
        });
      }
      return [this.sot];
    }
    const seq = [this.sot];
    if (language !== undefined) seq.push(this.languageToken(language));
    if (task !== undefined) seq.push(task === 'translate' ? this.translate : this.transcribe);
    return seq;
  }

  /** OpenAI's `non_speech_tokens` (sorted ids of symbols that are not speech), computed from the vocabulary. */
  nonSpeechTokens(): readonly number[] {
    this.nonSpeech ??= computeNonSpeechTokens((text) => this.encode(text));
    return this.nonSpeech;
  }

  /** Id of an added token by its text (`'<|startoftranscript|>'`), or `undefined`. */
  specialTokenId(text: string): number | undefined {
    return this.vocab.addedIds.get(text);
  }

  private decodeFiltered(ids: readonly number[], keep: (id: number) => boolean): string {
    const kept = ids.filter(keep);
    return this.utf8Decoder.decode(this.decodeBytes(kept));
  }

  private checkId(id: number): void {
    if (this.vocab.defined[id] !== 1) {
      throw new TokenizerError('TOKENIZER_UNKNOWN_ID', `token id ${id} is not in the vocabulary of ${this.modelDir} (0..${this.vocabSize - 1})`, {
        hint: 'the ids come from a different model than the tokenizer',
        details: { id },
      });
    }
  }
}
