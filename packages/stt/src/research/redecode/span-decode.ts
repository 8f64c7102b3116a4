/**
 * Decoding a stretch of a window from a given token history (research-features.md §1.3.2): the prompt plus the
 * already-decided tokens go to the decoder in one call (the cached prefix), then greedy or beam search runs for at
 * most `maxNew` tokens. The standard filters keep the window's original `sampleBegin`, so timestamp rules and blank
 * suppression see the forced tokens as sampled ones (OpenAI's `prefix` would restart them).
 * And exact scoring of a whole token sequence in one teacher-forced decoder call.
 */
import type { EncoderOutput } from '../../runtime/types.js';
import type { DecodingTokenizer, TokenStrategy, WindowDecodeOptions } from '../../decoding/index.js';
import { buildLogitFilters, buildTokenDecoder, groupSize } from '../../decoding/builder.js';
import type { Hypothesis } from '../../decoding/hypothesis.js';
import type { LogitFilter } from '../../decoding/logit-filters.js';
import { rankCandidates } from '../../decoding/ranker.js';
import { RowScan } from '../../decoding/row-scan.js';
import type { WhisperDecoder } from '../../runtime/types.js';

export interface SpanDecodeContext {
  readonly decoder: WhisperDecoder;
  readonly tokenizer: DecodingTokenizer;
  readonly encoder: EncoderOutput;
  /** The window's options (the strategy is given per call). */
  readonly options: WindowDecodeOptions;
  /** The window's prompt (`WindowResult.promptTokens`); sampled tokens start after it. */
  readonly prompt: readonly number[];
}

export interface SpanDecodeResult {
  /** Sampled tokens of the best row: `forced` followed by what was decoded, without EOT. */
  readonly tokens: readonly number[];
  /** True when the best row ended with EOT within `maxNew`. */
  readonly ended: boolean;
  /** Batched decoder calls made. */
  readonly calls: number;
  /** Σ rows per call (a beam call on 5 rows counts 5). */
  readonly rowSteps: number;
}

function filtersFor(ctx: SpanDecodeContext): LogitFilter[] {
  return buildLogitFilters(ctx.tokenizer, ctx.options, ctx.prompt.length);
}

/** Continues the window from `prompt + forced` with `strategy` for at most `maxNew` tokens. */
export async function decodeFrom(ctx: SpanDecodeContext, forced: readonly number[], strategy: TokenStrategy, maxNew: number): Promise<SpanDecodeResult> {
  const { decoder, tokenizer } = ctx;
  const options: WindowDecodeOptions = { ...ctx.options, strategy };
  const filters = filtersFor(ctx);
  const tokenDecoder = buildTokenDecoder(options, tokenizer.eot);
  const nGroup = groupSize(options);
  const start = [...ctx.prompt, ...forced];
  let rows: readonly Hypothesis[] = Array.from({ length: nGroup }, () => ({ tokens: start, sumLogprob: 0, steps: [] }));
  const scans = Array.from({ length: nGroup }, () => new RowScan(tokenDecoder.topK));
  const cache = decoder.createCache(ctx.encoder, nGroup);
  let calls = 0;
  let rowSteps = 0;
  try {
    for (let i = 0; i < maxNew; i++) {
      const out = i === 0 ? await decoder.step(cache, rows.map((r) => r.tokens), { logitPositions: [start.length - 1] }) : await decoder.step(cache, rows.map((r) => r.tokens.slice(-1)));
      calls++;
      rowSteps += rows.length;
      const logits = rows.map((row, b) => {
        const at = (b * out.seqLen + out.seqLen - 1) * out.vocab;
        const rowLogits = out.data.subarray(at, at + out.vocab);
        for (const f of filters) f.apply(rowLogits, row.tokens);
        (scans[b] as RowScan).reset().add(rowLogits);
        return rowLogits;
      });
      const update = tokenDecoder.update(rows, logits, scans);
      if (update.parents !== null) decoder.reorder(cache, update.parents);
      rows = update.rows;
      if (update.completed || (rows[0]?.tokens.length ?? 0) > decoder.dims.nTextCtx) break;
    }
  } finally {
    cache.dispose();
  }
  const sampleBegin = ctx.prompt.length;
  const candidates = tokenDecoder.finalize(rows, sampleBegin);
  const best = candidates[rankCandidates(candidates, options.lengthPenalty)];
  const tokens = best?.tokens ?? forced;
  // A row that ended has EOT after its tokens; finalize drops it.
  const ended = rows.some((r) => r.tokens.length > sampleBegin + tokens.length && r.tokens[sampleBegin + tokens.length] === tokenizer.eot && r.tokens.slice(sampleBegin, sampleBegin + tokens.length).every((t, j) => t === tokens[j]));
  return { tokens, ended, calls, rowSteps };
}

/**
 * Exact float32 log-probability of `sampled` followed by EOT under the window's filters, in one decoder call (teacher
 * forcing): `Σ log_softmax(filtered logits)[next token]`, as the decoder sums it.
 */
export async function scoreSequence(ctx: SpanDecodeContext, sampled: readonly number[]): Promise<number> {
  const { decoder, tokenizer } = ctx;
  const filters = filtersFor(ctx);
  const input = [...ctx.prompt, ...sampled];
  const begin = ctx.prompt.length;
  const positions = Array.from({ length: sampled.length + 1 }, (_, j) => begin - 1 + j);
  const cache = decoder.createCache(ctx.encoder, 1);
  try {
    const out = await decoder.step(cache, [input], { logitPositions: positions });
    let sum = 0;
    const scan = new RowScan(0);
    for (let j = 0; j <= sampled.length; j++) {
      const row = out.data.subarray(j * out.vocab, (j + 1) * out.vocab);
      const history = input.slice(0, begin + j);
      for (const f of filters) f.apply(row, history);
      const logZ = scan.reset().add(row).logSumExp();
      const target = j < sampled.length ? (sampled[j] as number) : tokenizer.eot;
      sum = Math.fround(sum + Math.fround((row[target] as number) - logZ));
    }
    return sum;
  } finally {
    cache.dispose();
  }
}
