/** One 30 s window -> tokens (OpenAI `DecodingTask.run` for a single audio). */
import type { DecoderLogits, EncoderOutput, WhisperDecoder } from '../runtime/types.js';
import { buildLogitFilters, buildTokenDecoder, groupSize, strategyTemperature } from './builder.js';
import { compressionRatio } from './compression.js';
import type { Hypothesis, StepInfo, TokenDecoder } from './hypothesis.js';
import { detectLanguage } from './language.js';
import type { LanguageDetection } from './language.js';
import type { LogitFilter } from './logit-filters.js';
import { softmaxAt } from './math.js';
import { RowScan } from './row-scan.js';
import type { WindowDecodeOptions } from './options.js';
import type { DecodeHooks } from './decode-hooks.js';
import { buildPrompt } from './prompt.js';
import type { PromptLayout } from './prompt.js';
import { rankCandidates } from './ranker.js';
import type { DecodingTokenizer } from './tokenizer-view.js';

/** Result of decoding one window (OpenAI `DecodingResult`, plus per-token details). */
export interface WindowResult {
  readonly language: string;
  /** Set when the language was detected on this window. */
  readonly languageDetection: LanguageDetection | null;
  /** The decoder prompt that was used. */
  readonly promptTokens: readonly number[];
  /** Sampled tokens, without prompt and final EOT. */
  readonly tokens: readonly number[];
  /** Per-token log-probability, confidence and margin, aligned with `tokens`. */
  readonly steps: readonly StepInfo[];
  /** `tokenizer.decode(tokens).trim()`. */
  readonly text: string;
  /** Sum of log-probabilities of `tokens` and the final EOT (float32 accumulation). */
  readonly sumLogprob: number;
  /** `sumLogprob / (tokens.length + 1)`. */
  readonly avgLogprob: number;
  /** `softmax(logits at <|startoftranscript|>)[<|nospeech|>]`; NaN when the vocabulary has no such token. */
  readonly noSpeechProb: number;
  readonly compressionRatio: number;
  readonly temperature: number;
  /** Bytes the KV cache reorder copied (beam search), for the benchmark. */
  readonly reorderBytes: number;
  /** Batched decoder calls made (prompt call included). */
  readonly decoderSteps: number;
}

/** What a window decode needs besides the audio features. */
export interface WindowDecodeContext {
  readonly decoder: WhisperDecoder;
  readonly tokenizer: DecodingTokenizer;
  /** Research hooks (logit capture, rescoring, cost terms); absent = the standard decode. */
  readonly hooks?: DecodeHooks;
}

/** Decodes one encoded window. The cache lives only inside this call. */
export async function decodeWindow(
  ctx: WindowDecodeContext,
  encoder: EncoderOutput,
  options: WindowDecodeOptions,
): Promise<WindowResult> {
  const { decoder, tokenizer } = ctx;
  const nTextCtx = decoder.dims.nTextCtx;
  const sampleLen = options.sampleLen ?? Math.floor(nTextCtx / 2);
  const detect = options.language === null && tokenizer.isMultilingual;
  const detection = detect ? await detectLanguage(decoder, encoder, tokenizer) : null;
  const language = detection?.language ?? options.language ?? 'en';
  const languageToken = detection?.token ?? (tokenizer.isMultilingual ? languageTokenOf(tokenizer, language) : -1);
  const layout = buildPrompt(tokenizer, { ...options, languageToken, nTextCtx, sampleLen });
  const hook = ctx.hooks?.beginWindow?.({ promptTokens: layout.tokens, sampleBegin: layout.sampleBegin, options });
  const tokenDecoder = buildTokenDecoder(options, tokenizer.eot, hook?.beamCost);
  const standard = buildLogitFilters(tokenizer, options, layout.sampleBegin);
  const loop: LoopSpec = {
    layout,
    filters: hook?.filters === undefined ? standard : [...standard, ...hook.filters],
    rescore: hook?.rescore,
    tokenDecoder,
    nGroup: groupSize(options),
    sampleLen,
    nTextCtx,
    noSpeech: tokenizer.noSpeech,
  };
  const { rows, noSpeechProb, reorderBytes, decoderSteps } = await runDecodeLoop(decoder, encoder, loop);
  const candidates = tokenDecoder.finalize(rows, layout.sampleBegin);
  const best = candidates[rankCandidates(candidates, options.lengthPenalty)];
  if (best === undefined) throw new RangeError('decodeWindow: no candidate (group size 0)');
  const text = tokenizer.decode(best.tokens).trim();
  const result: WindowResult = {
    language,
    languageDetection: detection,
    promptTokens: layout.tokens,
    tokens: best.tokens,
    steps: best.steps,
    text,
    sumLogprob: best.sumLogprob,
    avgLogprob: best.sumLogprob / (best.tokens.length + 1),
    noSpeechProb,
    compressionRatio: compressionRatio(text),
    temperature: strategyTemperature(options),
    reorderBytes,
    decoderSteps,
  };
  hook?.end?.(result);
  return result;
}

/** Language code -> token id, via the tokenizer's language table. */
export function languageTokenOf(tokenizer: DecodingTokenizer, code: string): number {
  const id = tokenizer.languages.find((l) => l.code === code)?.id;
  if (id === undefined) throw new RangeError(`unknown language code '${code}'`);
  return id;
}

interface LoopSpec {
  readonly layout: PromptLayout;
  readonly filters: readonly LogitFilter[];
  readonly tokenDecoder: TokenDecoder;
  readonly nGroup: number;
  readonly sampleLen: number;
  readonly nTextCtx: number;
  readonly noSpeech: number | undefined;
  readonly rescore: ((logits: readonly Float32Array[], tokens: readonly (readonly number[])[]) => Promise<void>) | undefined;
}

interface LoopResult {
  readonly rows: readonly Hypothesis[];
  readonly noSpeechProb: number;
  readonly reorderBytes: number;
  readonly decoderSteps: number;
}

/** The step loop: one batched decoder call per step, filters, token choice, cache reorder. */
async function runDecodeLoop(decoder: WhisperDecoder, encoder: EncoderOutput, spec: LoopSpec): Promise<LoopResult> {
  const { layout, nGroup } = spec;
  let rows: readonly Hypothesis[] = Array.from({ length: nGroup }, () => ({ tokens: layout.tokens, sumLogprob: 0, steps: [] }));
  let noSpeechProb = Number.NaN;
  let reorderBytes = 0;
  let decoderSteps = 0;
  // One reusable scan per batch row: the token decoders read them synchronously within a step.
  const scans = Array.from({ length: nGroup }, () => new RowScan(spec.tokenDecoder.topK));
  // The prompt call returns only the logits it needs: <|startoftranscript|> (no-speech probability) and the last position.
  const last = layout.tokens.length - 1;
  const firstPositions = spec.noSpeech === undefined || layout.sotIndex === last ? [last] : [layout.sotIndex, last];
  const rescore = spec.rescore;
  const cache = decoder.createCache(encoder, nGroup);
  try {
    for (let i = 0; i < spec.sampleLen; i++) {
      const out = i === 0 ? await decoder.step(cache, rows.map((r) => r.tokens), { logitPositions: firstPositions }) : await decoder.step(cache, rows.map((r) => r.tokens.slice(-1)));
      decoderSteps++;
      if (i === 0 && spec.noSpeech !== undefined) noSpeechProb = softmaxAt(logitsRow(out, 0, firstPositions.indexOf(layout.sotIndex)), spec.noSpeech);
      const logits = rows.map((row, b) => {
        // Filtered in place: the step's logits buffer is ours until the next call, and nothing else reads it.
        const rowLogits = logitsRow(out, b, out.seqLen - 1);
        const scan = (scans[b] as RowScan).reset();
        // Only the last filter may complete the scan: nothing changes the row after it (unless a hook rescores it).
        spec.filters.forEach((filter, f) => filter.apply(rowLogits, row.tokens, rescore === undefined && f === spec.filters.length - 1 ? scan : undefined));
        if (rescore === undefined && !scan.complete) scan.add(rowLogits);
        return rowLogits;
      });
      if (rescore !== undefined) {
        await rescore(logits, rows.map((r) => r.tokens));
        logits.forEach((l, b) => (scans[b] as RowScan).add(l));
      }
      const update = spec.tokenDecoder.update(rows, logits, scans);
      if (update.parents !== null) reorderBytes += decoder.reorder(cache, update.parents);
      rows = update.rows;
      if (update.completed || (rows[0]?.tokens.length ?? 0) > spec.nTextCtx) break;
    }
  } finally {
    cache.dispose();
  }
  return { rows, noSpeechProb, reorderBytes, decoderSteps };
}

/** A view of `logits[batch, position, :]`. */
function logitsRow(out: DecoderLogits, batch: number, position: number): Float32Array {
  const start = (batch * out.seqLen + position) * out.vocab;
  return out.data.subarray(start, start + out.vocab);
}
