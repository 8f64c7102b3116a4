/** Language detection from the logits after `<|startoftranscript|>` (OpenAI `detect_language`). */
import type { EncoderOutput, WhisperDecoder } from '../runtime/types.js';
import { argmax, logSumExp } from './math.js';
import type { DecodingTokenizer } from './tokenizer-view.js';

/** The detected language and the probability of every language. */
export interface LanguageDetection {
  /** Most probable language code. */
  readonly language: string;
  /** Its token id. */
  readonly token: number;
  /** Probability of each language code (softmax over language tokens only); sums to 1. */
  readonly probs: Readonly<Record<string, number>>;
}

/** Language probabilities from one row of logits (`[vocab]`) at the `<|startoftranscript|>` position. */
export function languageFromLogits(logits: ArrayLike<number>, tokenizer: DecodingTokenizer): LanguageDetection {
  const languages = tokenizer.languages;
  const values = languages.map((l) => logits[l.id] as number);
  const logZ = logSumExp(values);
  const probs: Record<string, number> = {};
  languages.forEach((l, j) => {
    probs[l.code] = Math.exp((values[j] as number) - logZ);
  });
  const best = languages[argmax(values)];
  if (best === undefined) throw new RangeError('languageFromLogits: the tokenizer has no language tokens');
  return { language: best.code, token: best.id, probs };
}

/** Runs the decoder on `<|startoftranscript|>` alone (batch 1) and reads the language distribution. */
export async function detectLanguage(
  decoder: WhisperDecoder,
  encoder: EncoderOutput,
  tokenizer: DecodingTokenizer,
): Promise<LanguageDetection> {
  const cache = decoder.createCache(encoder, 1);
  try {
    const out = await decoder.step(cache, [[tokenizer.sot]]);
    return languageFromLogits(out.data.subarray(0, out.vocab), tokenizer);
  } finally {
    cache.dispose();
  }
}
