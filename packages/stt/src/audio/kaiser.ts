/**
 * Kaiser-windowed sinc low-pass design (Kaiser's empirical formulas for β and length from the stopband
 * attenuation and transition width).
 */

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for |x| < 50). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stopband attenuation in dB. */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Taps Kaiser's formula needs for a transition width given in cycles per sample. */
export function kaiserTaps(attenuationDb: number, transitionCyclesPerSample: number): number {
  return Math.ceil((attenuationDb - 7.95) / (14.36 * transitionCyclesPerSample)) + 1;
}

/**
 * Windowed-sinc low-pass kernel at time `t` (in samples of the rate it is designed for), cutoff `cutoff`
 * in cycles per sample, Kaiser window of half-width `halfWidth` samples (`i0Beta` = I0(β)); unit DC gain.
 */
export function kaiserSinc(t: number, cutoff: number, halfWidth: number, beta: number, i0Beta: number): number {
  const u = t / halfWidth;
  if (u <= -1 || u >= 1) return 0;
  const x = 2 * cutoff * t;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  return 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta);
}
