/**
 * The decoder cache of one decoding run, held in JavaScript memory that ONNX Runtime reads and writes directly.
 *
 * Self-attention keys/values: per tensor two ping-pong buffers. A step feeds the current view
 * `[batch, heads, length, headDim]` of one buffer as `past_key_values.*` and hands ORT a view
 * `[batch, heads, length + seqLen, headDim]` of the other as the preallocated `present.*` output, then swaps.
 * Cross-attention keys/values: ORT tensors from the first step, batch 1 when all rows share one window
 * (ORT broadcasts them over the rows), never copied afterwards.
 */
import type { Tensor } from 'onnxruntime-node';
import { RuntimeError } from '../../core/errors.js';
import type { EncoderOutput, KvCache, WhisperModelDims } from '../types.js';
import { headDim } from '../model-dims.js';
import { reorderRows } from './row-reorder.js';

/** Positions allocated on the first growth of a buffer (grows by doubling, capped at `nTextCtx`). */
const MIN_CAPACITY_POSITIONS = 32;

/** One self-attention tensor (one layer's key or value) with its two buffers. */
interface SelfKvSlot {
  readonly buffers: [Float32Array, Float32Array];
  /** Index of the buffer holding the current cache. */
  active: 0 | 1;
}

/** Counters for benchmarks and docs. */
export interface KvCacheStats {
  /** Bytes copied by `reorder()` calls. */
  reorderBytes: number;
  /** Bytes copied once to tile a batch-1 first step to all rows. */
  tileBytes: number;
  /** Buffer (re)allocations of self-attention storage. */
  allocations: number;
}

export class OnnxKvCache implements KvCache {
  readonly batch: number;
  length = 0;
  readonly heads: number;
  readonly headDim: number;
  readonly maxLength: number;
  readonly stats: KvCacheStats = { reorderBytes: 0, tileBytes: 0, allocations: 0 };
  /** Encoder output until the first step has turned it into cross-attention keys/values. */
  encoder: EncoderOutput | null;
  /** Cross-attention key/value tensors in `present` order (layer-major, key then value), after the first step. */
  cross: Tensor[] | null = null;
  /** True while a step runs (steps on one cache must not overlap). */
  busy = false;
  private slots: SelfKvSlot[];
  private logitsBuffer = new Float32Array(0);
  private disposed = false;

  constructor(dims: WhisperModelDims, encoder: EncoderOutput, batch: number) {
    this.batch = batch;
    this.heads = dims.nDecoderHeads;
    this.headDim = headDim(dims);
    this.maxLength = dims.nTextCtx;
    this.encoder = encoder;
    const tensors = dims.nDecoderLayers * 2;
    this.slots = Array.from({ length: tensors }, () => ({ buffers: [new Float32Array(0), new Float32Array(0)], active: 0 }));
  }

  /** Floats in one row of a self-attention tensor of `length` positions. */
  rowLength(length = this.length): number {
    return this.heads * length * this.headDim;
  }

  /** Number of self-attention tensors (2 per decoder layer). */
  get tensorCount(): number {
    return this.slots.length;
  }

  /** Current view of self tensor `index`: `[batch, heads, length, headDim]`. */
  current(index: number): Float32Array {
    const slot = this.slotAt(index);
    return slot.buffers[slot.active].subarray(0, this.batch * this.rowLength());
  }

  /** View of the other buffer of tensor `index`, sized for all rows at `length` positions (grown if needed). */
  next(index: number, length: number): Float32Array {
    const slot = this.slotAt(index);
    const target = slot.active === 0 ? 1 : 0;
    const need = this.batch * this.rowLength(length);
    if (slot.buffers[target].length < need) {
      const positions = Math.min(this.maxLength, Math.max(length, MIN_CAPACITY_POSITIONS, 2 * this.capacityOf(slot.buffers[target])));
      slot.buffers[target] = new Float32Array(this.batch * this.rowLength(positions));
      this.stats.allocations += 1;
    }
    return slot.buffers[target].subarray(0, need);
  }

  /** Makes the buffers written by `next()` current, at the new `length`. */
  commit(length: number): void {
    for (const slot of this.slots) slot.active = slot.active === 0 ? 1 : 0;
    this.length = length;
  }

  /** A logits view `[rows, seqLen, vocab]`, reused between steps of this cache. */
  logits(rows: number, seqLen: number, vocab: number): Float32Array {
    const need = rows * seqLen * vocab;
    if (this.logitsBuffer.length < need) this.logitsBuffer = new Float32Array(this.batch * seqLen * vocab);
    return this.logitsBuffer.subarray(0, need);
  }

  /** Row `i` := row `parents[i]` in every per-row tensor; see `WhisperDecoder.reorder`. */
  reorder(parents: readonly number[]): number {
    this.assertLive();
    if (this.busy) throw new RuntimeError('KV_CACHE_BUSY', 'reorder() was called while a decoder step on the same cache was running', { hint: 'Await step() before reorder().' });
    if (parents.length !== this.batch || parents.some((p) => !Number.isInteger(p) || p < 0 || p >= this.batch)) {
      throw new RuntimeError('KV_REORDER_INVALID', `reorder() needs ${this.batch} parent indexes in 0..${this.batch - 1}, got [${parents.join(', ')}]`, {
        hint: 'Pass one parent row index per cache row.',
      });
    }
    const views = this.slots.map((_, i) => this.current(i));
    let bytes = reorderRows(views, this.rowLength(), parents);
    const cross = this.cross;
    if (cross !== null && (cross[0]?.dims[0] ?? 1) > 1) {
      const crossViews = cross.map((t) => t.data as Float32Array);
      bytes += reorderRows(crossViews, (crossViews[0]?.length ?? 0) / this.batch, parents);
    }
    this.stats.reorderBytes += bytes;
    return bytes;
  }

  assertLive(): void {
    if (this.disposed) throw new RuntimeError('KV_CACHE_DISPOSED', 'this KV cache was disposed', { hint: 'Create a new cache with decoder.createCache().' });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.cross ?? []) t.dispose();
    this.cross = null;
    this.encoder = null;
    this.slots = [];
    this.logitsBuffer = new Float32Array(0);
  }

  private capacityOf(buffer: Float32Array): number {
    return buffer.length / Math.max(1, this.batch * this.heads * this.headDim);
  }

  private slotAt(index: number): SelfKvSlot {
    const slot = this.slots[index];
    if (slot === undefined) throw new RuntimeError('KV_CACHE_DISPOSED', 'this KV cache was disposed', { hint: 'Create a new cache.' });
    return slot;
  }
}

/**
 * A view of row `row` of self-attention tensor `tensor` (layer-major: 2·layer = key, 2·layer+1 = value).
 * Writing into the view writes the cache: meant for tests that prove rows never share storage.
 */
export function kvRowView(cache: KvCache, tensor: number, row: number): Float32Array {
  if (!(cache instanceof OnnxKvCache)) throw new RuntimeError('KV_CACHE_FOREIGN', 'not a cache of the ONNX runtime', { hint: 'Pass a cache created by this decoder.' });
  const n = cache.rowLength();
  return cache.current(tensor).subarray(row * n, (row + 1) * n);
}
