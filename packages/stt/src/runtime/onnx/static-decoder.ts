/**
 * `WhisperDecoder` over the fixed-shape (NPU) format written by `cephalon export --static`: a cross-K/V projector run once
 * per window, and a one-token step with a preallocated self-attention cache of N slots per row (requirements sections
 * 4-6). Every decoding mode (greedy, beam, timestamps, long-form) runs through it unchanged: a prompt is fed one token at
 * a time, each row (beam) owns its cache slots, and `reorder()` copies a parent's slots into a child only where a row
 * changes. The step returns the new position's K/V, written here into slot `position_ids`.
 */
import * as ort from 'onnxruntime-node';
import { RuntimeError } from '../../core/errors.js';
import type { DecoderLogits, DecoderStepOptions, EncoderOutput, KvCache, WhisperDecoder, WhisperModelDims } from '../types.js';
import { checkPositions, checkTokens } from './decoder-inputs.js';

/** Mask floor of the prototype: at least this many cache slots are marked attendable (section 6.2); 0 = exact mask. */
export const PROTOTYPE_MASK_FLOOR = 128;

/** Names of the static format's inputs, read from the step session. */
export interface StaticIo {
  readonly cacheLength: number;
  readonly heads: number;
  readonly headDim: number;
}

/**
 * Research (graded masks, default none): fills the step's inputs for row `row` feeding position `position`. `mask` comes
 * filled with the exact mask (ones for slots 0..position) and `bias` (when the graph has `attention_bias`) with zeros;
 * the policy may change both. `reorder` follows the beams.
 */
export interface StaticMaskPolicy {
  fill(row: number, position: number, mask: BigInt64Array, bias: Float32Array | null): void;
  reorder?(parents: readonly number[]): void;
}

/** Whether a decoder session is the one-token fixed-shape step (it takes `attention_mask` and `position_ids`). */
export function isStaticStep(inputNames: readonly string[]): boolean {
  return inputNames.includes('position_ids') && inputNames.includes('attention_mask') && !inputNames.includes('use_cache_branch');
}

/** Cache of one decoding run: per row, per layer, the self-attention keys and values `[heads, N, head]`. */
export class StaticKvCache implements KvCache {
  length = 0;
  busy = false;
  /** Per layer: cross K then V, shared by every row of the window. */
  cross: ort.Tensor[][] | null;
  /** rows[row][2 * layer + (0 key | 1 value)]. */
  rows: Float32Array[][];
  disposed = false;

  constructor(
    readonly batch: number,
    cross: ort.Tensor[][],
    layers: number,
    slotFloats: number,
  ) {
    this.cross = cross;
    this.rows = Array.from({ length: batch }, () => Array.from({ length: 2 * layers }, () => new Float32Array(slotFloats)));
  }

  dispose(): void {
    this.disposed = true;
    this.cross = null;
    this.rows = [];
  }
}

export class StaticWhisperDecoder implements WhisperDecoder {
  /** Attendable slots are at least `maskFloor` (clipped to the cache); 0 = exact mask. */
  readonly maskFloor: number;
  private readonly mask: BigInt64Array;
  private readonly logitsRow: Float32Array;
  /** The research float input `attention_bias` (export option `attentionBias`), zeros unless a policy sets it. */
  private readonly bias: Float32Array | null;
  /** Research mask policy (`setMaskPolicy`); null = the standard mask (exact or floored). */
  private policy: StaticMaskPolicy | null = null;

  constructor(
    readonly dims: WhisperModelDims,
    private readonly crossKv: ort.InferenceSession,
    private readonly stepSession: ort.InferenceSession,
    readonly io: StaticIo,
    maskFloor = 0,
  ) {
    if (!Number.isInteger(maskFloor) || maskFloor < 0) throw new RuntimeError('DECODER_INPUT_INVALID', `maskFloor must be a non-negative integer, got ${maskFloor}`, { hint: 'Use 0 (exact mask) or 128 (the prototype).' });
    this.maskFloor = maskFloor;
    this.mask = new BigInt64Array(io.cacheLength);
    this.logitsRow = new Float32Array(dims.vocabSize);
    this.bias = stepSession.inputNames.includes('attention_bias') ? new Float32Array(io.cacheLength) : null;
  }

  /** Whether the step graph takes the research `attention_bias` input. */
  get hasAttentionBias(): boolean {
    return this.bias !== null;
  }

  /** Installs (or, with null, removes) a research mask policy; it replaces `maskFloor` while installed. */
  setMaskPolicy(policy: StaticMaskPolicy | null): void {
    this.policy = policy;
  }

  createCache(encoder: EncoderOutput, batch: number): KvCache {
    if (!Number.isInteger(batch) || batch < 1) throw new RuntimeError('DECODER_INPUT_INVALID', `createCache: batch must be a positive integer, got ${batch}`, { hint: 'Pass the number of rows (beams).' });
    if (encoder.batch !== 1 && encoder.batch !== batch) throw new RuntimeError('DECODER_INPUT_INVALID', `createCache: encoder batch ${encoder.batch} does not fit ${batch} rows`, { hint: 'Pass one window, or one per row.' });
    // The projector runs when the first step needs it (createCache is synchronous); see crossFor().
    const cache = new StaticKvCache(batch, [], this.dims.nDecoderLayers, this.io.heads * this.io.cacheLength * this.io.headDim);
    pendingEncoders.set(cache, encoder);
    return cache;
  }

  private async crossFor(c: StaticKvCache): Promise<ort.Tensor[][]> {
    if (c.cross !== null && c.cross.length > 0) return c.cross;
    const encoder = pendingEncoders.get(c);
    if (encoder === undefined) throw new RuntimeError('KV_CACHE_DISPOSED', 'cache has no encoder output', { hint: 'Create a new cache.' });
    const per = this.dims.nAudioCtx * this.dims.dModel;
    const cross: ort.Tensor[][] = [];
    for (let w = 0; w < encoder.batch; w++) {
      const out = await this.crossKv.run({ encoder_hidden_states: new ort.Tensor('float32', encoder.data.subarray(w * per, (w + 1) * per), [1, this.dims.nAudioCtx, this.dims.dModel]) });
      const row: ort.Tensor[] = [];
      for (let l = 0; l < this.dims.nDecoderLayers; l++) row.push(out[`present_key_values.${l}.encoder.key`] as ort.Tensor, out[`present_key_values.${l}.encoder.value`] as ort.Tensor);
      cross.push(row);
    }
    pendingEncoders.delete(c);
    c.cross = cross;
    return cross;
  }

  async step(cache: KvCache, tokens: readonly (readonly number[])[], options: DecoderStepOptions = {}): Promise<DecoderLogits> {
    if (!(cache instanceof StaticKvCache) || cache.disposed) throw new RuntimeError('KV_CACHE_FOREIGN', 'this cache was not created by this static decoder or was disposed', { hint: 'Create caches with decoder.createCache().' });
    const c = cache;
    if (c.busy) throw new RuntimeError('KV_CACHE_BUSY', 'step() was called while another step on the same cache was running', { hint: 'Await each step.' });
    const seqLen = checkTokens(tokens, c.batch, c.length, this.dims);
    if (c.length + seqLen > this.io.cacheLength) {
      throw new RuntimeError('DECODER_CONTEXT_FULL', `static decoder cache full: ${c.length} + ${seqLen} positions > ${this.io.cacheLength} slots`, { hint: 'Export with a larger --cache-length, or stop decoding earlier.' });
    }
    const positions = checkPositions(options.logitPositions, seqLen) ?? Array.from({ length: seqLen }, (_, i) => i);
    const vocab = this.dims.vocabSize;
    const data = new Float32Array(c.batch * positions.length * vocab);
    c.busy = true;
    try {
      const cross = await this.crossFor(c);
      const { heads, cacheLength, headDim } = this.io;
      const slotDims = [1, heads, cacheLength, headDim];
      for (let t = 0; t < seqLen; t++) {
        const pos = c.length + t;
        const attend = Math.min(cacheLength, Math.max(pos + 1, this.maskFloor));
        this.mask.fill(0n);
        this.mask.fill(1n, 0, attend);
        const want = positions.indexOf(t);
        for (let r = 0; r < c.batch; r++) {
          const rowCross = cross[cross.length === 1 ? 0 : r] as ort.Tensor[];
          const slots = c.rows[r] as Float32Array[];
          if (this.policy !== null) {
            this.mask.fill(0n);
            this.mask.fill(1n, 0, pos + 1);
            this.bias?.fill(0);
            this.policy.fill(r, pos, this.mask, this.bias);
          }
          const feeds: Record<string, ort.Tensor> = {
            input_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt((tokens[r] as readonly number[])[t] as number)), [1, 1]),
            attention_mask: new ort.Tensor('int64', this.mask, [1, cacheLength]),
            position_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(pos)), [1]),
          };
          if (this.bias !== null) feeds['attention_bias'] = new ort.Tensor('float32', this.bias, [1, cacheLength]);
          for (let l = 0; l < this.dims.nDecoderLayers; l++) {
            feeds[`past_key_values.${l}.encoder.key`] = rowCross[2 * l] as ort.Tensor;
            feeds[`past_key_values.${l}.encoder.value`] = rowCross[2 * l + 1] as ort.Tensor;
            feeds[`past_key_values.${l}.decoder.key`] = new ort.Tensor('float32', slots[2 * l] as Float32Array, slotDims);
            feeds[`past_key_values.${l}.decoder.value`] = new ort.Tensor('float32', slots[2 * l + 1] as Float32Array, slotDims);
          }
          let out: ort.InferenceSession.ReturnType;
          try {
            out = await this.stepSession.run(feeds);
          } catch (cause) {
            throw new RuntimeError('DECODER_RUN_FAILED', `ONNX Runtime failed running the static decoder step: ${cause instanceof Error ? cause.message : String(cause)}`, { hint: 'Check that config.json belongs to these ONNX files.', cause });
          }
          // Write the new position's K/V into slot `pos` of each head.
          for (let l = 0; l < 2 * this.dims.nDecoderLayers; l++) {
            const name = `present_key_values.${l >> 1}.decoder.${l % 2 === 0 ? 'key' : 'value'}`;
            const present = (out[name] as ort.Tensor).data as Float32Array;
            const slot = slots[l] as Float32Array;
            for (let h = 0; h < heads; h++) slot.set(present.subarray(h * headDim, (h + 1) * headDim), (h * cacheLength + pos) * headDim);
          }
          if (want >= 0) data.set((out['logits'] as ort.Tensor).data as Float32Array, (r * positions.length + want) * vocab);
        }
      }
      c.length += seqLen;
      return { batch: c.batch, seqLen: positions.length, vocab, data };
    } finally {
      c.busy = false;
    }
  }

  /** Row i takes row parents[i]'s slots; only changed rows are copied (from a snapshot of their parents). */
  reorder(cache: KvCache, parents: readonly number[]): number {
    if (!(cache instanceof StaticKvCache) || cache.disposed) throw new RuntimeError('KV_CACHE_FOREIGN', 'this cache was not created by this static decoder or was disposed', { hint: 'Create caches with decoder.createCache().' });
    if (parents.length !== cache.batch || parents.some((p) => !Number.isInteger(p) || p < 0 || p >= cache.batch)) {
      throw new RuntimeError('DECODER_INPUT_INVALID', `reorder: parents [${parents.join(', ')}] must list ${cache.batch} rows`, { hint: 'Pass one parent row per row.' });
    }
    const used = this.io.heads * this.io.headDim;
    const old = cache.rows;
    let bytes = 0;
    const next = old.map((row, i) => {
      const p = parents[i] as number;
      if (p === i) return row;
      return (old[p] as Float32Array[]).map((src) => {
        const copy = new Float32Array(src.length);
        // Only slots 0..length-1 hold data; copy those of every head.
        for (let h = 0; h < this.io.heads; h++) {
          const from = h * this.io.cacheLength * this.io.headDim;
          copy.set(src.subarray(from, from + cache.length * this.io.headDim), from);
        }
        bytes += cache.length * used * 4;
        return copy;
      });
    });
    // A row that is its own parent but also a source keeps its buffer; rows that changed got fresh copies.
    cache.rows = next;
    this.policy?.reorder?.(parents);
    return bytes;
  }
}

/** Encoder outputs waiting for their first step (the projector is async, createCache is not). */
const pendingEncoders = new WeakMap<StaticKvCache, EncoderOutput>();
