/** The session's input audio buffer: PCM16 samples with absolute positions, and WAV packing for the engine. */

export class PcmBuffer {
  #data = new Int16Array(16_000);
  #length = 0;
  /** Absolute position (samples since the session started) of `#data[0]`. */
  #start = 0;

  /** Absolute position just after the last sample. */
  get end(): number {
    return this.#start + this.#length;
  }

  get start(): number {
    return this.#start;
  }

  get length(): number {
    return this.#length;
  }

  append(samples: Int16Array): void {
    if (this.#length + samples.length > this.#data.length) {
      const grown = new Int16Array(Math.max(this.#data.length * 2, this.#length + samples.length));
      grown.set(this.#data.subarray(0, this.#length));
      this.#data = grown;
    }
    this.#data.set(samples, this.#length);
    this.#length += samples.length;
  }

  /** A copy of the samples in [from, to) (absolute positions, clamped to what is buffered). */
  slice(from: number, to: number): Int16Array {
    const a = Math.max(0, from - this.#start);
    const b = Math.min(this.#length, to - this.#start);
    return this.#data.slice(a, Math.max(a, b));
  }

  /** Forgets every sample before `position`. */
  dropBefore(position: number): void {
    const n = Math.min(this.#length, Math.max(0, position - this.#start));
    if (n === 0) return;
    this.#data.copyWithin(0, n, this.#length);
    this.#length -= n;
    this.#start += n;
  }

  /** Forgets everything. */
  clear(): void {
    this.#start += this.#length;
    this.#length = 0;
  }
}

/** Mono 16-bit WAV bytes of `samples` at `sampleRate` (what the engine's audio reader takes natively). */
export function pcm16Wav(samples: Int16Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + 2 * i, samples[i] as number, true);
  return out;
}
