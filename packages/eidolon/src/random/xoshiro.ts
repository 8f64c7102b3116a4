/**
 * Seeded pseudo-random streams: xoshiro128** (Blackman and Vigna) seeded through splitmix32.
 * 32-bit integer arithmetic only, so it is fast in V8 and bit-identical on every platform.
 * The whole state is four uint32 words, readable and restorable for snapshots.
 */

const UINT32 = 0x1_0000_0000;
/** 2^-32: maps a uint32 to [0, 1). */
const INV_UINT32 = 1 / UINT32;
const TWO_PI = 2 * Math.PI;

/** splitmix32 step: returns the next output for a running 32-bit state (used for seeding). */
export function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a 32-bit hash of a string (used to derive named substreams). */
export function hashString32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Reduces a user seed (any finite number or string) to a uint32. */
export function normaliseSeed(seed: number | string): number {
  if (typeof seed === 'string') return hashString32(seed);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / UINT32) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

/** One xoshiro128** stream. */
export class RandomStream {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** @param seed uint32 seed; the four state words are drawn from splitmix32. */
  constructor(seed: number) {
    let x = seed >>> 0;
    x = splitmix32(x);
    this.s0 = x;
    x = splitmix32(x);
    this.s1 = x;
    x = splitmix32(x);
    this.s2 = x;
    x = splitmix32(x);
    this.s3 = x;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [0, 1) with 32 random bits (cheaper; used where 32 bits are enough). */
  nextFloat32(): number {
    return this.nextUint32() * INV_UINT32;
  }

  /** Standard normal deviate (Box-Muller, no cached spare so the state stays four words). */
  nextGaussian(): number {
    const u1 = 1 - this.nextFloat(); // (0, 1]
    const u2 = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
  }

  /** The four state words (for snapshots). */
  getState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Restores state words from {@link getState}. */
  setState(state: readonly number[]): void {
    this.s0 = (state[0] ?? 0) | 0;
    this.s1 = (state[1] ?? 0) | 0;
    this.s2 = (state[2] ?? 0) | 0;
    this.s3 = (state[3] ?? 0) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Derives an independent named stream from a master seed, e.g.
 * `deriveStream(seed, 'wind')`. The same (seed, name) always gives the same stream.
 */
export function deriveStream(seed: number | string, name: string): RandomStream {
  const master = normaliseSeed(seed);
  return new RandomStream(splitmix32(master ^ hashString32(name)) ^ Math.imul(master, 0x27d4eb2d));
}
