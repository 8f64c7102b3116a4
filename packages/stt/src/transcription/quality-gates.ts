/** The temperature-fallback and silence decisions of OpenAI's `transcribe()`, in one place. */
import type { QualityThresholds } from './long-form-options.js';

/** The three numbers the decisions read. */
export interface DecodeQuality {
  readonly compressionRatio: number;
  readonly avgLogprob: number;
  readonly noSpeechProb: number;
}

/** OpenAI's defaults: compression ratio 2.4, average log-probability -1.0, no-speech probability 0.6. */
export const DEFAULT_THRESHOLDS: QualityThresholds = Object.freeze({ compressionRatio: 2.4, logprob: -1.0, noSpeech: 0.6 });

/** True when `noSpeechProb > noSpeech` and `avgLogprob < logprob`: treated as silence, no fallback. */
function looksSilent(q: DecodeQuality, t: QualityThresholds): boolean {
  return t.noSpeech !== null && t.logprob !== null && q.noSpeechProb > t.noSpeech && q.avgLogprob < t.logprob;
}

/**
 * Why this decode must be retried at the next temperature (e.g. `['compression_ratio 2.61 > 2.4']`);
 * empty when it is accepted. Silence (see `shouldSkipWindow`) is never a reason to retry.
 */
export function fallbackReasons(q: DecodeQuality, t: QualityThresholds): string[] {
  if (looksSilent(q, t)) return [];
  const reasons: string[] = [];
  if (t.compressionRatio !== null && q.compressionRatio > t.compressionRatio) {
    reasons.push(`compression_ratio ${q.compressionRatio.toFixed(2)} > ${t.compressionRatio}`);
  }
  if (t.logprob !== null && q.avgLogprob < t.logprob) reasons.push(`avg_logprob ${q.avgLogprob.toFixed(2)} < ${t.logprob}`);
  return reasons;
}

/** A window is skipped as silence when `noSpeechProb > noSpeech` unless `avgLogprob > logprob`. */
export function shouldSkipWindow(q: DecodeQuality, t: QualityThresholds): boolean {
  if (t.noSpeech === null || !(q.noSpeechProb > t.noSpeech)) return false;
  return !(t.logprob !== null && q.avgLogprob > t.logprob);
}

/** Prompt tokens are dropped after a window decoded above this temperature (OpenAI: 0.5). */
export const PROMPT_RESET_TEMPERATURE = 0.5;
