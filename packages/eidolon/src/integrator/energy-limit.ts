/**
 * Energy-limited motion (spec A4.7.2, A9.3): a step may raise an agent's kinetic energy by at most
 * its budget E_avail = min(maxPerStep, fraction * max(E_int, 0)). Only used when params.energyLimit
 * is 'limited', so the default step is untouched.
 *
 * Why at the end of the step rather than inside each kick: scaling the two half-kicks of a Verlet step
 * by different factors breaks the symmetry that makes the kicks' booked work match the potential
 * change of the drift (a first-order ledger error, measured 6e-3 at dt = 0.01). Scaling the step's
 * whole velocity change, v_start + lambda dv (i.e. the step's mean acceleration dv/dt), removes an
 * exactly computable kinetic energy, so the booking is exact and the ledger keeps the integrator's
 * own error. With dv the step's velocity change, dK(lambda) = lambda B + lambda^2 A,
 * B = sum_k m_k v_k dv_k, A = (1/2) sum_k m_k dv_k^2; lambda is the root of A l^2 + B l - budget.
 */
import type { AgentStore } from '../state/agents.js';
import type { StepTally } from './tally.js';

/** Largest s in [0, 1] with dK(s) = s B + s^2 A <= budget (budget >= 0). */
export function limitScale(a: number, b: number, budget: number): number {
  if (b + a <= budget) return 1;
  if (a <= 0) return b > 0 ? budget / b : 1;
  // Stable root of a s^2 + b s - budget = 0: avoid cancellation when b > 0.
  const disc = Math.sqrt(b * b + 4 * a * budget);
  const s = b >= 0 ? (disc + b > 0 ? (2 * budget) / (disc + b) : 0) : (disc - b) / (2 * a);
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/** Sets each agent's budget for the coming step: min(maxPerStep, fraction * max(E_int, 0)). */
export function fillBudgets(store: AgentStore, budget: Float64Array, maxPerStep: number, fraction: number): void {
  for (let i = 0; i < store.count; i++) {
    const e = store.internal[i] as number;
    const fromInternal = e > 0 ? fraction * e : 0;
    budget[i] = fromInternal < maxPerStep ? fromInternal : maxPerStep;
  }
}

/** Keeps each agent's velocity at the start of the step (and fills the budgets). */
export function beginLimitedStep(store: AgentStore, vStart: Float64Array, budget: Float64Array, maxPerStep: number, fraction: number): void {
  vStart.set(store.v.subarray(0, store.count * store.dims));
  fillBudgets(store, budget, maxPerStep, fraction);
}

/**
 * After the step's second kick, before its last damping half-step (so velocity taken back makes no
 * heat in E_int that would pay for the next step; the last half-step only lowers K without a
 * thermostat, whose noise the limit does not bound): where an agent's kinetic energy rose by more than its budget,
 * scales its velocity change over the step, v = v_start + lambda (v_end - v_start), with the largest
 * lambda in [0, 1] that keeps the rise within the budget. The kinetic energy removed is booked exactly
 * as 'limit' work (negative), so the ledger closes as without the limit.
 */
export function endLimitedStep(store: AgentStore, vStart: Float64Array, budget: Float64Array, tally: StepTally): void {
  const n = store.dims;
  const { v, m } = store;
  let removed = 0;
  for (let i = 0, base = 0; i < store.count; i++, base += n) {
    let b = 0;
    let a = 0;
    for (let k = base; k < base + n; k++) {
      const v0 = vStart[k] as number;
      const dv = (v[k] as number) - v0;
      const mk = m[k] as number;
      b += mk * v0 * dv;
      a += mk * dv * dv;
    }
    a *= 0.5;
    const lambda = limitScale(a, b, budget[i] as number);
    if (lambda === 1) continue;
    let kAfter = 0;
    let kLimited = 0;
    for (let k = base; k < base + n; k++) {
      const v0 = vStart[k] as number;
      const ve = v[k] as number;
      const vl = v0 + lambda * (ve - v0);
      kAfter += (m[k] as number) * ve * ve;
      kLimited += (m[k] as number) * vl * vl;
      v[k] = vl;
    }
    removed += 0.5 * (kAfter - kLimited);
  }
  tally.limitWork -= removed;
}
