/** A small seeded PRNG (mulberry32) and categorical sampling, for reproducible temperature sampling. */
import { logSumExp } from './math.js';

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** Draws an index from `softmax(logits / temperature)`; `-Infinity` logits are never drawn. */
export function sampleCategorical(logits: Float32Array, temperature: number, random: SeededRandom): number {
  const scaled = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) scaled[i] = (logits[i] as number) / temperature;
  const logZ = logSumExp(scaled);
  let u = random.next();
  let last = 0;
  for (let i = 0; i < scaled.length; i++) {
    const v = scaled[i] as number;
    if (v === -Infinity) continue;
    last = i;
    u -= Math.exp(v - logZ);
    if (u < 0) return i;
  }
  return last;
}
