/**
 * Decoder prompt layout (OpenAI `DecodingTask._get_initial_tokens`):
 * `[<|startofprev|>, ...prompt[-(nTextCtx/2 - 1):]] + [<|startoftranscript|>, <|lang|>, <|task|>]
 *  + [<|notimestamps|>]? + prefix`.
 */
import type { DecodingTokenizer } from './tokenizer-view.js';

/** The prompt and where sampling starts in it. */
export interface PromptLayout {
  /** Full decoder input before the first sampled token. */
  readonly tokens: readonly number[];
  /** Index of `<|startoftranscript|>` in `tokens` (its logits give the no-speech probability). */
  readonly sotIndex: number;
  /** `tokens.length`: index of the first sampled token. */
  readonly sampleBegin: number;
}

/** What the prompt is built from. */
export interface PromptSpec {
  /** Language token id (a placeholder when the language is detected later and written in at `sotIndex + 1`). */
  readonly languageToken: number;
  readonly task: 'transcribe' | 'translate';
  readonly withoutTimestamps: boolean;
  readonly promptTokens: readonly number[];
  readonly prefixTokens: readonly number[];
  /** Decoder context length (448). */
  readonly nTextCtx: number;
  /** Maximum sampled tokens (224 by default). */
  readonly sampleLen: number;
}

/** Python's `list[-n:]`: the last `n` items for n > 0, all items for n = 0, all but the first `-n` for n < 0. */
export function pythonTail<T>(items: readonly T[], n: number): T[] {
  if (n === 0) return items.slice();
  return items.slice(-n);
}

/** Builds the prompt exactly as OpenAI does, including its `[-0:]` quirk for the prefix limit. */
export function buildPrompt(tokenizer: DecodingTokenizer, spec: PromptSpec): PromptLayout {
  const taskToken = spec.task === 'translate' ? tokenizer.translate : tokenizer.transcribe;
  // English-only models have no language or task token (OpenAI's tokenizer leaves both unset for them).
  const sotSequence = tokenizer.isMultilingual ? [tokenizer.sot, spec.languageToken, taskToken] : [tokenizer.sot];
  if (spec.withoutTimestamps) sotSequence.push(tokenizer.noTimestamps);
  let tokens = sotSequence;
  if (spec.prefixTokens.length > 0) {
    const maxPrefixLen = Math.floor(spec.nTextCtx / 2) - spec.sampleLen;
    tokens = tokens.concat(pythonTail(spec.prefixTokens, maxPrefixLen));
  }
  let sotIndex = 0;
  if (spec.promptTokens.length > 0) {
    const previous = pythonTail(spec.promptTokens, Math.floor(spec.nTextCtx / 2) - 1);
    tokens = [tokenizer.sotPrev, ...previous, ...tokens];
    sotIndex = previous.length + 1;
  }
  return { tokens, sotIndex, sampleBegin: tokens.length };
}
