/** Seeded pseudo-random numbers (mulberry32), so bootstrap results are reproducible. */

/**
 * Returns a generator of uniform numbers in [0, 1) determined by `seed` (a 32-bit integer).
 * @example const rand = seededRandom(42); rand(); // same sequence on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws `n` indices in [0, n) with replacement into `out` (`Int32Array` of length n). */
export function resampleIndices(rand: () => number, out: Int32Array): Int32Array {
  const n = out.length;
  for (let k = 0; k < n; k += 1) out[k] = Math.floor(rand() * n);
  return out;
}
