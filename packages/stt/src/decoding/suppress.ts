/** The suppressed-token set (OpenAI `DecodingTask._get_suppress_tokens`). */
import type { DecodingTokenizer } from './tokenizer-view.js';

/**
 * Sorted, de-duplicated ids to suppress at every step: `requested` with `-1` expanded to the tokenizer's
 * non-speech set, plus `<|transcribe|>`, `<|translate|>`, `<|startoftranscript|>`, `<|startofprev|>`,
 * `<|startoflm|>` and the no-speech token, which OpenAI always suppresses.
 * An empty `requested` suppresses only those special tokens.
 */
export function suppressedTokenIds(tokenizer: DecodingTokenizer, requested: readonly number[]): number[] {
  const ids: number[] = requested.includes(-1)
    ? [...requested.filter((t) => t >= 0), ...tokenizer.nonSpeechTokens()]
    : [...requested];
  ids.push(tokenizer.transcribe, tokenizer.translate, tokenizer.sot, tokenizer.sotPrev, tokenizer.sotLm);
  if (tokenizer.noSpeech !== undefined) ids.push(tokenizer.noSpeech);
  return [...new Set(ids)].sort((a, b) => a - b);
}
