/** A growable window of 16 kHz samples over the stream: append at the end, cut at the front. */
export class AudioBuffer {
  private data = new Float32Array(16_000 * 8);
  /** Stream index of `data[0]`. */
  private base = 0;
  private length = 0;

  /** Stream sample index of the first held sample. */
  get startSample(): number {
    return this.base;
  }

  /** Stream sample index one past the last held sample (= samples received). */
  get endSample(): number {
    return this.base + this.length;
  }

  append(samples: Float32Array): void {
    const need = this.length + samples.length;
    if (need > this.data.length) {
      const grown = new Float32Array(Math.max(need, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(samples, this.length);
    this.length = need;
  }

  /** Drops samples before stream index `sample` (clamped to what is held). */
  cutBefore(sample: number): void {
    const cut = Math.min(this.length, Math.max(0, Math.floor(sample) - this.base));
    if (cut === 0) return;
    this.data.copyWithin(0, cut, this.length);
    this.base += cut;
    this.length -= cut;
  }

  /** A copy of stream samples `[from, to)`, clamped to what is held. */
  copy(from: number, to: number): Float32Array {
    const a = Math.max(0, Math.floor(from) - this.base);
    const b = Math.min(this.length, Math.floor(to) - this.base);
    return this.data.slice(a, Math.max(a, b));
  }

  /** A view (not a copy) of stream samples `[from, to)`; valid until the next append or cut. */
  view(from: number, to: number): Float32Array {
    const a = Math.max(0, Math.floor(from) - this.base);
    const b = Math.min(this.length, Math.floor(to) - this.base);
    return this.data.subarray(a, Math.max(a, b));
  }
}
