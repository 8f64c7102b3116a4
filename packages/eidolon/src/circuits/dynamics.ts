/**
 * The scalar circuit ODE (spec A2.4, with saturation and relaxation derived) and the gain law of
 * circuits 5-8 (A2.3.5). Pure functions, no allocation.
 *
 *   ds/dt = a u+ (1 - s) - a u- (s - lower) - lambda (s - rest),   u+ = max(u, 0), u- = max(-u, 0)
 *
 * Far from the bounds and without relaxation this is the spec's ds/dt = a * input; the factors (1 - s)
 * and (s - lower) make the range invariant. With u held over a step the ODE is linear in s, so the step
 * is its exact solution: s <- s_inf + (s - s_inf) e^{-K dt}, K = a|u| + lambda, where s_inf is a convex
 * combination of 1, lower and rest. Hence unconditionally stable, bounded for every dt, and without input
 * an exact exponential relaxation to `rest` at rate lambda.
 */

/** One exact step of the circuit ODE. */
export function circuitStep(s: number, u: number, rate: number, relax: number, rest: number, lower: number, dt: number): number {
  const up = u > 0 ? rate * u : 0;
  const down = u < 0 ? -rate * u : 0;
  const k = up + down + relax;
  if (k === 0) return s;
  const sInf = (up + down * lower + relax * rest) / k;
  // s + (s_inf - s)(1 - e^{-K dt}), with expm1 so slow circuits (K dt ~ 1e-5) keep full precision.
  const next = s - (sInf - s) * Math.expm1(-k * dt);
  // Guard the last bit of rounding so the range stays exactly invariant.
  return next < lower ? lower : next > 1 ? 1 : next;
}

/** Gain of a modulating circuit: exp(mu (s - rest)); 1 at rest, monotone in s (increasing for mu > 0). */
export function circuitGain(mu: number, s: number, rest: number): number {
  return Math.exp(mu * (s - rest));
}

/** Weight of mutable circuit k (0-based 0..3) at level s: w_1 = G(1 - s_1), w_2 = G s_2, w_3 = G s_3, w_4 = G s_4. */
export function siteWeight(k: number, s: number, gain: number): number {
  return k === 0 ? gain * (1 - s) : gain * s;
}
