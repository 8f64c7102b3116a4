/**
 * For timing the decoding loop without the model: `RecordingDecoder` passes calls to a real decoder and keeps a copy
 * of every logits result; `ReplayDecoder` gives them back in the same order (into one reused buffer per call, since
 * the loop filters logits in place) at the cost of that copy only, which `copyOnly` measures.
 */
import type { DecoderLogits, DecoderStepOptions, EncoderOutput, KvCache, WhisperDecoder } from '../src/index.js';

export class RecordingDecoder implements WhisperDecoder {
  readonly recorded: DecoderLogits[] = [];
  constructor(private readonly inner: WhisperDecoder) {}
  get dims(): WhisperDecoder['dims'] {
    return this.inner.dims;
  }
  createCache(encoder: EncoderOutput, batch: number): KvCache {
    return this.inner.createCache(encoder, batch);
  }
  async step(cache: KvCache, tokens: readonly (readonly number[])[], options?: DecoderStepOptions): Promise<DecoderLogits> {
    const out = await this.inner.step(cache, tokens, options);
    this.recorded.push({ ...out, data: out.data.slice() });
    return out;
  }
  reorder(cache: KvCache, parents: readonly number[]): number {
    return this.inner.reorder(cache, parents);
  }
}

export class ReplayDecoder implements WhisperDecoder {
  private next = 0;
  private readonly buffers: Float32Array[];
  constructor(
    readonly dims: WhisperDecoder['dims'],
    private readonly recorded: readonly DecoderLogits[],
  ) {
    this.buffers = recorded.map((r) => new Float32Array(r.data.length));
  }
  createCache(_encoder: EncoderOutput, batch: number): KvCache {
    this.next = 0;
    return { batch, length: 0, dispose: () => undefined };
  }
  async step(): Promise<DecoderLogits> {
    const i = this.next++;
    const r = this.recorded[i];
    const buffer = this.buffers[i];
    if (r === undefined || buffer === undefined) throw new RangeError('replay: more calls than recorded');
    buffer.set(r.data);
    return { ...r, data: buffer };
  }
  reorder(): number {
    return 0;
  }
  /** The copies `step` makes for one whole replay, without any decoding. */
  async copyOnly(): Promise<void> {
    this.next = 0;
    for (let i = 0; i < this.recorded.length; i++) await this.step();
  }
}
