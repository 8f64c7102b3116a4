/**
 * The {@link Resampler} for audio that arrives in pieces: push chunks of any size, get back every output sample
 * whose inputs are all known, and `flush()` at the end. The concatenated outputs equal `Resampler.process()` of
 * the concatenated input bit for bit (same filter, same terms in the same order); only the samples a future
 * output still reads are kept.
 */
import { Resampler, type ResamplerOptions } from './resample.js';

/**
 * @example
 * const r = new StreamingResampler(48000, 16000);
 * for await (const chunk of micChunks) send(r.push(chunk));
 * send(r.flush());
 */
export class StreamingResampler {
  readonly fromRate: number;
  readonly toRate: number;
  private readonly resampler: Resampler | null;
  /** Input samples kept: absolute indices `[base, base + length)`. */
  private buffer = new Float32Array(4096);
  private base = 0;
  private length = 0;
  /** Next output sample to produce. */
  private nextOutput = 0;
  private flushed = false;

  constructor(fromRate: number, toRate: number, options: ResamplerOptions = {}) {
    this.resampler = fromRate === toRate ? null : new Resampler(fromRate, toRate, options);
    this.fromRate = fromRate;
    this.toRate = toRate;
  }

  /** Input samples received so far. */
  get inputSamples(): number {
    return this.base + this.length;
  }

  /** Output samples produced so far. */
  get outputSamples(): number {
    return this.nextOutput;
  }

  /** Input samples held for outputs still to come (bounded by the filter length plus one chunk). */
  get heldSamples(): number {
    return this.length;
  }

  /** Adds `chunk` and returns the output samples that are now final (possibly none). */
  push(chunk: Float32Array): Float32Array {
    if (this.flushed) throw new RangeError('StreamingResampler: push() after flush()');
    if (this.resampler === null) {
      this.base += chunk.length;
      this.nextOutput += chunk.length;
      return chunk.slice();
    }
    this.append(chunk);
    const r = this.resampler;
    const known = this.base + this.length;
    let end = this.nextOutput;
    // Outputs are final once the last input they read has arrived; lastInputOf grows with o.
    const limit = r.outputLength(known);
    while (end < limit && r.lastInputOf(end) < known) end++;
    return this.emit(end, Number.POSITIVE_INFINITY);
  }

  /** Ends the stream (zeros after the last sample, as the offline resampler assumes) and returns the rest. */
  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    if (this.resampler === null) return new Float32Array(0);
    const n = this.base + this.length;
    return this.emit(this.resampler.outputLength(n), n);
  }

  private emit(end: number, n: number): Float32Array {
    const r = this.resampler as Resampler;
    const out = new Float32Array(end - this.nextOutput);
    r.render(this.buffer.subarray(0, this.length), this.base, n, this.nextOutput, end, out, 0);
    this.nextOutput = end;
    this.drop(Math.max(0, r.firstInputOf(end)));
    return out;
  }

  /** Forgets input samples below absolute index `keepFrom`. */
  private drop(keepFrom: number): void {
    const cut = Math.min(this.length, keepFrom - this.base);
    if (cut <= 0) return;
    this.buffer.copyWithin(0, cut, this.length);
    this.base += cut;
    this.length -= cut;
  }

  private append(chunk: Float32Array): void {
    const need = this.length + chunk.length;
    if (need > this.buffer.length) {
      const grown = new Float32Array(Math.max(need, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length = need;
  }
}
