/**
 * `WhisperDecoder` on ONNX Runtime: batched incremental steps with a KV cache, for the merged
 * (`decoder_model_merged.onnx`) and split (`decoder_model.onnx` + `decoder_with_past_model.onnx`) layouts.
 */
import * as ort from 'onnxruntime-node';
import { RuntimeError } from '../../core/errors.js';
import type { AlignmentHead, CrossAttentionRun, DecoderLogits, DecoderStepOptions, EncoderOutput, KvCache, WhisperDecoder, WhisperModelDims } from '../types.js';
import { runCrossAttentions } from './cross-attention.js';
import { OnnxKvCache } from './kv-cache.js';
import { cacheBranchTensor, checkPositions, checkTokens, emptyTensor, gatherPositions, idsTensor, rowsIdentical, tileRows } from './decoder-inputs.js';
import type { DecoderIoNames } from './io-names.js';
import { tileFirstRow } from './row-reorder.js';
import { runTimerAdd, runTimerStart } from './run-timer.js';

/** A decoder session with its discovered names. */
export interface DecoderSession {
  readonly session: ort.InferenceSession;
  readonly io: DecoderIoNames;
  readonly file: string;
}

/** Which files make up the decoder. */
export type DecoderLayout = 'merged' | 'split';

type Feeds = Record<string, ort.Tensor>;
type Fetches = Record<string, ort.Tensor | null>;

function asOnnxCache(cache: KvCache): OnnxKvCache {
  if (!(cache instanceof OnnxKvCache)) {
    throw new RuntimeError('KV_CACHE_FOREIGN', 'this cache was not created by the ONNX decoder', { hint: 'Create caches with decoder.createCache().' });
  }
  cache.assertLive();
  return cache;
}

async function run(part: DecoderSession, feeds: Feeds, fetches: Fetches): Promise<ort.InferenceSession.ReturnType> {
  const t0 = runTimerStart();
  try {
    const out = await part.session.run(feeds, fetches);
    runTimerAdd('decoder', t0);
    return out;
  } catch (cause) {
    const text = cause instanceof Error ? cause.message : String(cause);
    throw new RuntimeError('DECODER_RUN_FAILED', `ONNX Runtime failed running ${part.file}: ${text}`, {
      hint: 'Check that config.json belongs to these ONNX files (vocabulary, layers, heads).',
      cause,
      details: { file: part.file },
    });
  }
}

export class OnnxWhisperDecoder implements WhisperDecoder {
  constructor(
    readonly dims: WhisperModelDims,
    readonly layout: DecoderLayout,
    private readonly first: DecoderSession,
    private readonly withPast: DecoderSession,
  ) {}

  createCache(encoder: EncoderOutput, batch: number): KvCache {
    if (!Number.isInteger(batch) || batch < 1) {
      throw new RuntimeError('DECODER_INPUT_INVALID', `createCache: batch must be a positive integer, got ${batch}`, { hint: 'Pass the number of rows (beams).' });
    }
    const [eb, ctx, width] = encoder.dims;
    if ((eb !== 1 && eb !== batch) || eb !== encoder.batch || ctx !== this.dims.nAudioCtx || width !== this.dims.dModel) {
      throw new RuntimeError('DECODER_INPUT_INVALID', `createCache: encoder output [${encoder.dims.join(', ')}] does not fit batch ${batch} of this model`, {
        hint: `Pass an encoder output of shape [1 or ${batch}, ${this.dims.nAudioCtx}, ${this.dims.dModel}].`,
      });
    }
    return new OnnxKvCache(this.dims, encoder, batch);
  }

  async step(cache: KvCache, tokens: readonly (readonly number[])[], options: DecoderStepOptions = {}): Promise<DecoderLogits> {
    const c = asOnnxCache(cache);
    if (c.busy) throw new RuntimeError('KV_CACHE_BUSY', 'step() was called while another step on the same cache was running', { hint: 'Await each step.' });
    const seqLen = checkTokens(tokens, c.batch, c.length, this.dims);
    const positions = checkPositions(options.logitPositions, seqLen);
    c.busy = true;
    try {
      const data = c.length === 0 ? await this.firstStep(c, tokens, seqLen, positions) : await this.nextStep(c, tokens, seqLen, positions);
      return { batch: c.batch, seqLen: positions?.length ?? seqLen, vocab: this.dims.vocabSize, data };
    } finally {
      c.busy = false;
    }
  }

  reorder(cache: KvCache, parents: readonly number[]): number {
    return asOnnxCache(cache).reorder(parents);
  }

  get hasCrossAttentions(): boolean {
    return this.first.io.crossAttentions.length > 0;
  }

  /** See `WhisperDecoder.crossAttentions`: one first-step run over all of `tokens`, nothing cached. */
  crossAttentions(encoder: EncoderOutput, tokens: readonly number[], heads: readonly AlignmentHead[]): Promise<CrossAttentionRun> {
    return runCrossAttentions(this.first, this.dims, encoder, tokens, heads);
  }

  /**
   * Prompt step: computes cross-attention keys/values once (batch 1 when rows share one window). With `positions`,
   * ORT's `[rows, seqLen, vocab]` logits are left to ORT and only those positions are copied (and tiled).
   */
  private async firstStep(c: OnnxKvCache, tokens: readonly (readonly number[])[], seqLen: number, positions: readonly number[] | null): Promise<Float32Array> {
    const encoder = c.encoder;
    if (encoder === null) throw new RuntimeError('KV_CACHE_DISPOSED', 'cache has no encoder output', { hint: 'Create a new cache.' });
    const { io } = this.first;
    const shared = encoder.batch === 1 && c.batch > 1;
    const rows = shared && rowsIdentical(tokens) ? 1 : c.batch;
    const hidden = encoder.batch === rows ? encoder.data : tileRows(encoder.data, rows);
    const feeds: Feeds = {
      [io.inputIds]: idsTensor(tokens, rows, seqLen),
      [io.encoderHiddenStates ?? 'encoder_hidden_states']: new ort.Tensor('float32', hidden, [rows, this.dims.nAudioCtx, this.dims.dModel]),
    };
    if (io.useCacheBranch !== null) feeds[io.useCacheBranch] = cacheBranchTensor(false);
    const empty = emptyTensor([rows, c.heads, 0, c.headDim]);
    for (const p of io.past) for (const name of [p.selfKey, p.selfValue, p.crossKey, p.crossValue]) feeds[name] = empty;
    const vocab = this.dims.vocabSize;
    const returned = positions?.length ?? seqLen;
    const logits = c.logits(c.batch, returned, vocab);
    const fetches: Fetches = { [io.logits]: positions === null ? new ort.Tensor('float32', logits.subarray(0, rows * seqLen * vocab), [rows, seqLen, vocab]) : null };
    const selfViews = this.presentSelf(c, io, seqLen, fetches, rows);
    for (const p of io.present) {
      fetches[p.crossKey] = null;
      fetches[p.crossValue] = null;
    }
    const out = await run(this.first, feeds, fetches);
    c.cross = io.present.flatMap((p) => [p.crossKey, p.crossValue]).map((name) => this.crossTensor(out[name], name, shared && rows > 1));
    if (positions !== null) gatherPositions(this.logitsOf(out[io.logits], this.first), rows, seqLen, positions, vocab, logits);
    if (rows < c.batch) {
      for (const view of selfViews) c.stats.tileBytes += tileFirstRow(view, c.rowLength(seqLen), c.batch);
      c.stats.tileBytes += tileFirstRow(logits, returned * vocab, c.batch);
    }
    c.encoder = null;
    c.commit(seqLen);
    return logits;
  }

  /** Later steps: feeds the cache, receives `present` in the other ping-pong buffer. */
  private async nextStep(c: OnnxKvCache, tokens: readonly (readonly number[])[], seqLen: number, positions: readonly number[] | null): Promise<Float32Array> {
    const { io } = this.withPast;
    if (io.fixedSeqLen !== null && io.fixedSeqLen !== seqLen) {
      throw new RuntimeError('DECODER_INPUT_INVALID', `${this.withPast.file} takes ${io.fixedSeqLen} token(s) per row after the first step, got ${seqLen}`, {
        hint: 'Feed one new token per row after the prompt, or use the merged decoder layout.',
      });
    }
    const cross = c.cross;
    if (cross === null) throw new RuntimeError('KV_CACHE_DISPOSED', 'cache has no cross-attention keys/values', { hint: 'Create a new cache.' });
    const feeds: Feeds = { [io.inputIds]: idsTensor(tokens, c.batch, seqLen) };
    if (io.encoderHiddenStates !== null) feeds[io.encoderHiddenStates] = emptyTensor([c.batch, 0, this.dims.dModel]);
    if (io.useCacheBranch !== null) feeds[io.useCacheBranch] = cacheBranchTensor(true);
    const pastDims = [c.batch, c.heads, c.length, c.headDim];
    io.past.forEach((p, layer) => {
      feeds[p.selfKey] = new ort.Tensor('float32', c.current(2 * layer), pastDims);
      feeds[p.selfValue] = new ort.Tensor('float32', c.current(2 * layer + 1), pastDims);
      feeds[p.crossKey] = cross[2 * layer] as ort.Tensor;
      feeds[p.crossValue] = cross[2 * layer + 1] as ort.Tensor;
    });
    const vocab = this.dims.vocabSize;
    const logits = c.logits(c.batch, positions?.length ?? seqLen, vocab);
    const fetches: Fetches = { [io.logits]: positions === null ? new ort.Tensor('float32', logits, [c.batch, seqLen, vocab]) : null };
    const newLength = c.length + seqLen;
    this.presentSelf(c, io, newLength, fetches, c.batch);
    const out = await run(this.withPast, feeds, fetches);
    if (positions !== null) gatherPositions(this.logitsOf(out[io.logits], this.withPast), c.batch, seqLen, positions, vocab, logits);
    c.commit(newLength);
    return logits;
  }

  /** Preallocated `present.N.decoder.*` outputs in the cache's next buffers; returns their full-batch views. */
  private presentSelf(c: OnnxKvCache, io: DecoderIoNames, length: number, fetches: Fetches, rows: number): Float32Array[] {
    const dims = [rows, c.heads, length, c.headDim];
    const views: Float32Array[] = [];
    io.present.forEach((p, layer) => {
      for (const [offset, name] of [[0, p.selfKey], [1, p.selfValue]] as const) {
        const view = c.next(2 * layer + offset, length);
        views.push(view);
        fetches[name] = new ort.Tensor('float32', view.subarray(0, rows * c.rowLength(length)), dims);
      }
    });
    return views;
  }

  /** The float32 data of a `logits` output ORT allocated. */
  private logitsOf(value: ort.OnnxValue | undefined, part: DecoderSession): Float32Array {
    if (!(value instanceof ort.Tensor) || value.type !== 'float32') {
      throw new RuntimeError('DECODER_RUN_FAILED', `${part.file} returned no float32 logits`, { hint: 'Re-export or re-download the decoder.', details: { file: part.file } });
    }
    return value.data as Float32Array;
  }

  /** Keeps a cross-attention present; when `collapse`, its identical rows are cut down to row 0 (batch 1, broadcast). */
  private crossTensor(value: ort.OnnxValue | undefined, name: string, collapse: boolean): ort.Tensor {
    if (!(value instanceof ort.Tensor) || value.type !== 'float32') {
      throw new RuntimeError('DECODER_RUN_FAILED', `${this.first.file} returned no float32 "${name}"`, { hint: 'Re-export or re-download the decoder.', details: { file: this.first.file } });
    }
    if (!collapse) return value;
    const [rows = 1, ...rest] = value.dims;
    const data = value.data as Float32Array;
    return new ort.Tensor('float32', data.slice(0, data.length / rows), [1, ...rest]);
  }
}
