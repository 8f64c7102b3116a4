/**
 * The mask sweep of research section 5: each strategy decodes each case; tokens are compared with the exact mask's
 * decode and with a reference (OpenAI's tokens), with confidence and repetition statistics (section 5.3.3).
 */
import { decodeWindow } from '../../decoding/index.js';
import type { DecodingTokenizer, WindowDecodeOptions } from '../../decoding/index.js';
import type { EncoderOutput, StaticWhisperDecoder, WhisperDecoder } from '../../runtime/index.js';
import { MaskedStaticDecoder } from './masked-decoder.js';
import { strategyName } from './strategies.js';
import type { MaskStrategy } from './strategies.js';

/** How far two token sequences agree. */
export interface Agreement {
  /** Leading tokens equal. */
  readonly leading: number;
  /** Levenshtein distance over token ids. */
  readonly editDistance: number;
  /** `1 - editDistance / max(|a|, |b|)` (1 = identical; 1 for two empty sequences). */
  readonly rate: number;
}

/** Token agreement of `a` with `b` (edit distance with two rows, O(|a| |b|) time). */
export function tokenAgreement(a: readonly number[], b: readonly number[]): Agreement {
  let leading = 0;
  while (leading < a.length && leading < b.length && a[leading] === b[leading]) leading++;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  const editDistance = prev[b.length] as number;
  const longest = Math.max(a.length, b.length);
  return { leading, editDistance, rate: longest === 0 ? 1 : 1 - editDistance / longest };
}

/** One window to decode. */
export interface MaskCase {
  readonly name: string;
  readonly encoded: EncoderOutput;
  readonly options: WindowDecodeOptions;
  /** Reference tokens (e.g. OpenAI's), when known. */
  readonly reference?: readonly number[];
}

export interface MaskSweepRow {
  readonly strategy: string;
  readonly case: string;
  readonly tokens: readonly number[];
  readonly vsExact: Agreement;
  readonly vsReference: Agreement | null;
  /** Mean probability of the chosen tokens (filtered distribution). */
  readonly meanTokenProb: number;
  /** Mean entropy-normalised confidence. */
  readonly meanConfidence: number;
  /** Tokens equal to the token before them. */
  readonly immediateRepeats: number;
  readonly decodeMs: number;
}

/**
 * Decodes every case with the exact mask first, then with each strategy (in order), on one static decoder.
 * @example const rows = await runMaskSweep(model.decoder, tokenizer, cases, [{ kind: 'window', width: 4 }]);
 */
export async function runMaskSweep(
  decoder: WhisperDecoder,
  tokenizer: DecodingTokenizer,
  cases: readonly MaskCase[],
  strategies: readonly MaskStrategy[],
  onRow?: (row: MaskSweepRow) => void,
): Promise<MaskSweepRow[]> {
  const rows: MaskSweepRow[] = [];
  const exactTokens = new Map<string, readonly number[]>();
  const all: MaskStrategy[] = [{ kind: 'exact' }, ...strategies.filter((s) => s.kind !== 'exact')];
  // Every strategy is checked (graph inputs, parameters) before anything is decoded.
  for (const s of all) new MaskedStaticDecoder(decoder, s).detach();
  const slots = (decoder as StaticWhisperDecoder).io.cacheLength;
  for (const strategy of all) {
    const masked = new MaskedStaticDecoder(decoder, strategy);
    try {
      for (const c of cases) {
        // The static cache holds the prompt and the sampled tokens: cap the sample length to what fits.
        const prompt = 4 + (c.options.promptTokens.length > 0 ? c.options.promptTokens.length + 1 : 0) + c.options.prefixTokens.length;
        const sampleLen = Math.min(c.options.sampleLen ?? Math.floor(decoder.dims.nTextCtx / 2), slots - prompt);
        const t0 = performance.now();
        const r = await decodeWindow({ decoder: masked, tokenizer }, c.encoded, { ...c.options, sampleLen });
        const decodeMs = performance.now() - t0;
        if (strategy.kind === 'exact') exactTokens.set(c.name, r.tokens);
        const n = Math.max(1, r.steps.length);
        const row: MaskSweepRow = {
          strategy: strategyName(strategy),
          case: c.name,
          tokens: r.tokens,
          vsExact: tokenAgreement(r.tokens, exactTokens.get(c.name) ?? []),
          vsReference: c.reference === undefined ? null : tokenAgreement(r.tokens, c.reference),
          meanTokenProb: r.steps.reduce((s, x) => s + Math.exp(x.logprob), 0) / n,
          meanConfidence: r.steps.reduce((s, x) => s + x.confidence, 0) / n,
          immediateRepeats: r.tokens.reduce((k, t, i) => k + (i > 0 && r.tokens[i - 1] === t ? 1 : 0), 0),
          decodeMs,
        };
        rows.push(row);
        onRow?.(row);
      }
    } finally {
      masked.detach();
    }
  }
  return rows;
}
