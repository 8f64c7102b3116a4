/**
 * A 64-bit state hash (two independent 32-bit murmur3-style lanes) over the exact bit patterns
 * of Float64 values, so any difference in any bit of the state changes it.
 */

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

export class StateHasher {
  private a = 0x9747b28c;
  private b = 0x5bd1e995;
  private words = 0;

  /** Mixes one 32-bit word into both lanes. */
  word(w: number): this {
    this.a = mix(this.a, w, 0xcc9e2d51);
    this.b = mix(this.b, w ^ 0x7f4a7c15, 0x1b873593);
    this.words++;
    return this;
  }

  number(x: number): this {
    scratch[0] = x;
    return this.word(scratchWords[0] as number).word(scratchWords[1] as number);
  }

  /** Mixes the first `length` entries of a Float64Array. */
  array(xs: Float64Array, length: number = xs.length): this {
    this.number(length);
    const words = new Uint32Array(xs.buffer, xs.byteOffset, length * 2);
    for (let i = 0; i < words.length; i++) this.word(words[i] as number);
    return this;
  }

  numbers(xs: readonly number[]): this {
    this.number(xs.length);
    for (const x of xs) this.number(x);
    return this;
  }

  /** 16 hex digits. */
  digest(): string {
    const a = fmix(this.a ^ this.words);
    const b = fmix(this.b ^ Math.imul(this.words, 0x85ebca6b));
    return hex(a) + hex(b);
  }
}

function mix(h: number, w: number, c: number): number {
  let k = Math.imul(w, c);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex(x: number): string {
  return x.toString(16).padStart(8, '0');
}
