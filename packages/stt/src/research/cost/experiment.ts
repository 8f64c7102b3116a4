/**
 * One cost-decoding experiment on one encoded window: plain beam search and several cost settings side by side, each
 * result measured against what the audio and (when known) the spoken text say. Used by `cephalon research cost` and
 * `npm run bench:research-cost`.
 */
import { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/index.js';
import type { DecodingTokenizer, WindowDecodeOptions } from '../../decoding/index.js';
import type { EncoderOutput, WhisperDecoder } from '../../runtime/index.js';
import type { AudioBudget } from './budget.js';
import { createCostDecoding } from './cost-decoding.js';
import type { CostDecodingOptions, CostStats } from './cost-decoding.js';
import type { Phonemizer } from './phonemes.js';
import { TokenPieces } from './token-text.js';

/** A named setting; `null` options = plain beam search without hooks (the baseline). */
export interface CostArm {
  readonly name: string;
  readonly options: CostDecodingOptions | null;
}

export interface CostArmResult {
  readonly name: string;
  readonly tokens: readonly number[];
  readonly text: string;
  /** espeak-ng phonemes of the text's words. */
  readonly phonemes: number;
  readonly wordTokens: number;
  readonly pauseTokens: number;
  readonly decodeMs: number;
  readonly decoderSteps: number;
  /** Null for the baseline. */
  readonly stats: CostStats | null;
  /** Budgets this arm started with (null for the baseline). */
  readonly budget: { readonly phon: number; readonly pause: number } | null;
}

/** Phonemes of every word of `text` (one phonemiser batch). */
export function textPhonemes(text: string, phonemizer: Phonemizer): number {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  phonemizer.prepare(words);
  return words.reduce((n, w) => n + phonemizer.count(w), 0);
}

export interface CostExperimentOptions {
  readonly beamSize: number;
  /** Maximum sampled tokens (default 224). */
  readonly sampleLen?: number;
  readonly withoutTimestamps?: boolean;
}

/**
 * Decodes `encoded` once per arm (in order) and measures each result.
 * @example
 * const rows = await runCostArms({ decoder, tokenizer }, encoded, budget, [{ name: 'beam', options: null }, { name: 'cost', options: { ...DEFAULT_COST_OPTIONS, lambda: 0.1 } }], { beamSize: 5 }, new EspeakPhonemizer());
 */
export async function runCostArms(
  ctx: { readonly decoder: WhisperDecoder; readonly tokenizer: DecodingTokenizer },
  encoded: EncoderOutput,
  audio: AudioBudget,
  arms: readonly CostArm[],
  options: CostExperimentOptions,
  phonemizer: Phonemizer,
): Promise<CostArmResult[]> {
  const decodeOptions: WindowDecodeOptions = {
    ...DEFAULT_WINDOW_DECODE_OPTIONS,
    withoutTimestamps: options.withoutTimestamps ?? true,
    sampleLen: options.sampleLen ?? null,
    strategy: { kind: 'beam', beamSize: options.beamSize, patience: 1 },
  };
  const pieces = new TokenPieces(ctx.tokenizer, true);
  const out: CostArmResult[] = [];
  for (const arm of arms) {
    const cost = arm.options === null ? null : createCostDecoding(arm.options, ctx.tokenizer, audio, phonemizer);
    const t0 = performance.now();
    const r = await decodeWindow({ ...ctx, ...(cost === null ? {} : { hooks: cost.hooks }) }, encoded, decodeOptions);
    const decodeMs = performance.now() - t0;
    const classes = r.tokens.map((t) => pieces.get(t).cls);
    out.push({
      name: arm.name,
      tokens: r.tokens,
      text: r.text,
      phonemes: textPhonemes(r.text, phonemizer),
      wordTokens: classes.filter((c) => c === 'word').length,
      pauseTokens: classes.filter((c) => c === 'pause').length,
      decodeMs,
      decoderSteps: r.decoderSteps,
      stats: cost === null ? null : { ...cost.stats },
      budget: cost === null ? null : cost.budget,
    });
  }
  return out;
}
