/**
 * The part of a Whisper tokenizer that decoding needs; `tokenizer/`'s `WhisperTokenizer` satisfies it as is,
 * tests use small fakes.
 */
export interface DecodingTokenizer {
  /** `<|endoftext|>`. */
  readonly eot: number;
  /** `<|startoftranscript|>`. */
  readonly sot: number;
  /** `<|startofprev|>`, put before a text prompt. */
  readonly sotPrev: number;
  /** `<|startoflm|>`. */
  readonly sotLm: number;
  /** `<|nospeech|>` / `<|nocaptions|>`, when the vocabulary has one. */
  readonly noSpeech: number | undefined;
  /** `<|notimestamps|>`. */
  readonly noTimestamps: number;
  /** `<|transcribe|>`. */
  readonly transcribe: number;
  /** `<|translate|>`. */
  readonly translate: number;
  /** Id of `<|0.00|>`; every id at or above it is a timestamp. */
  readonly timestampBegin: number;
  /** True for multilingual vocabularies (language and task tokens in the prompt); false for `.en` models. */
  readonly isMultilingual: boolean;
  /** Language tokens in id order (OpenAI's `all_language_tokens` / `all_language_codes`). */
  readonly languages: readonly { readonly code: string; readonly id: number }[];
  /** Byte-level BPE encoding of plain text, no special tokens added. */
  encode(text: string): number[];
  /** Text of `ids`; timestamp tokens are dropped, other special tokens keep their text (as OpenAI's `decode`). */
  decode(ids: readonly number[]): string;
  /** OpenAI's `non_speech_tokens`: symbols and punctuation suppressed by `suppressTokens: [-1]`. */
  nonSpeechTokens(): readonly number[];
}
