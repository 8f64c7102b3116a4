/**
 * Per-agent scalar circuit states of the drive-level model (spec A2.4) and what they do to the world:
 *   - circuits 1-4 weight Gaussian site fields over the agent's position, U_i = sum_sites w_k(s_i) Phi(x_i),
 *     whose force -w grad Phi moves X (with the world's damping, v -> C^{-1} F: dX/dt = F_total(X, S));
 *   - circuits 5-8 modulate gains (A2.3.5): damping and noise (5), the reactivity of 1-4 (6), the site
 *     weights (7), the coupling charge q (8).
 * Flat Float64Arrays grown with the agents; the hot loops allocate nothing.
 */
import type { AgentStore } from '../state/agents.js';
import { CIRCUIT_COUNT, CIRCUIT_LOWER } from './spec.js';
import type { DriveLevelSpec } from './spec.js';
import { circuitGain, circuitStep, siteWeight } from './dynamics.js';

const C = CIRCUIT_COUNT;

/** A copy of one agent's circuit state. */
export interface CircuitView {
  /** Levels s_1..s_8. */
  readonly levels: number[];
  /** Held external inputs u_1..u_8 (before the energy term of u_1) and when they expire [s]. */
  readonly inputs: number[];
  readonly inputUntilSec: number;
  /** Current weights w_1..w_4 of the circuit fields (circuit 7 included). */
  readonly weights: number[];
  /** Gains of circuits 5-8: damping, noise, plasticity (reactivity of 1-4), identity (site weights), coupling (charge). */
  readonly gains: { readonly damping: number; readonly noise: number; readonly plasticity: number; readonly identity: number; readonly coupling: number };
}

export class Circuits {
  readonly spec: DriveLevelSpec;
  private readonly dims: number;
  /** Agents whose circuit state exists (the rest are initialised at the next sync). */
  private known = 0;
  private capacity = 0;
  level = new Float64Array(0);
  input = new Float64Array(0);
  inputEnd = new Float64Array(0);
  baseDamping = new Float64Array(0);
  baseWind = new Float64Array(0);
  baseCharge = new Float64Array(0);
  /** Internal energy at the previous advance (for u_1's energy term). */
  lastInternal = new Float64Array(0);
  /** Site weights w_1..w_4 per agent (derived from level; recomputed, not state). */
  private weights = new Float64Array(0);
  private readonly siteCircuit: Int32Array;
  private readonly siteCentre: Float64Array;
  private readonly siteDepth: Float64Array;
  private readonly siteInvW2: Float64Array;

  constructor(spec: DriveLevelSpec, dims: number) {
    this.spec = spec;
    this.dims = dims;
    const ns = spec.sites.length;
    this.siteCircuit = Int32Array.from(spec.sites, (s) => s.circuit - 1);
    this.siteCentre = new Float64Array(ns * dims);
    spec.sites.forEach((s, j) => this.siteCentre.set(s.centre, j * dims));
    this.siteDepth = Float64Array.from(spec.sites, (s) => s.depth);
    this.siteInvW2 = Float64Array.from(spec.sites, (s) => 1 / (s.width * s.width));
  }

  /** Initialises the circuit state of agents added since the last call (levels at rest, bases from the store). */
  sync(store: AgentStore): void {
    if (this.known === store.count) return;
    if (store.count > this.capacity) this.grow(Math.max(store.count, 2 * this.capacity, 4));
    const n = this.dims;
    for (let i = this.known; i < store.count; i++) {
      for (let k = 0; k < C; k++) {
        this.level[i * C + k] = this.spec.rest[k] as number;
        this.input[i * C + k] = 0;
      }
      this.inputEnd[i] = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) this.baseDamping[i * n + k] = store.damping[i * n + k] as number;
      this.baseWind[i] = store.windGain[i] as number;
      this.baseCharge[i] = store.charge[i] as number;
      this.lastInternal[i] = store.internal[i] as number;
      this.refreshWeights(i);
    }
    this.known = store.count;
  }

  private grow(capacity: number): void {
    const n = this.dims;
    const copy = (a: Float64Array, len: number): Float64Array<ArrayBuffer> => {
      const out = new Float64Array(len);
      out.set(a.subarray(0, Math.min(a.length, len)));
      return out;
    };
    this.level = copy(this.level, capacity * C);
    this.input = copy(this.input, capacity * C);
    this.inputEnd = copy(this.inputEnd, capacity);
    this.baseDamping = copy(this.baseDamping, capacity * n);
    this.baseWind = copy(this.baseWind, capacity);
    this.baseCharge = copy(this.baseCharge, capacity);
    this.lastInternal = copy(this.lastInternal, capacity);
    this.weights = copy(this.weights, capacity * 4);
    this.capacity = capacity;
  }

  /** Holds external inputs u (8 numbers) for agent id until tUntilSec. */
  setInput(id: number, u: readonly number[], tUntilSec: number): void {
    for (let k = 0; k < C; k++) this.input[id * C + k] = u[k] as number;
    this.inputEnd[id] = tUntilSec;
  }

  /** Sets the unmodulated damping of agent id (what circuit 5 multiplies). */
  setBaseDamping(id: number, coefficients: readonly number[]): void {
    this.baseDamping.set(coefficients, id * this.dims);
  }

  /**
   * Advances every agent's circuit state over [tSec, tSec + dt] with the inputs held at tSec, then writes
   * the modulated damping, wind gain and charge into the store (the caller refreshes damping factors and
   * books the potential-energy change).
   */
  advance(store: AgentStore, tSec: number, dt: number): void {
    this.sync(store);
    const sp = this.spec;
    const m = sp.modulation;
    const n = this.dims;
    for (let i = 0; i < store.count; i++) {
      const b = i * C;
      const on = tSec < (this.inputEnd[i] as number);
      const e = store.internal[i] as number;
      const energyTerm = (sp.energyCoupling * (e - (this.lastInternal[i] as number))) / dt;
      this.lastInternal[i] = e;
      const plasticity = circuitGain(m.plasticity, this.level[b + 5] as number, sp.rest[5] as number);
      for (let k = 0; k < C; k++) {
        let u = on ? (this.input[b + k] as number) : 0;
        if (k === 0) u += energyTerm;
        const rate = k < 4 ? (sp.rates[k] as number) * plasticity : (sp.rates[k] as number);
        this.level[b + k] = circuitStep(this.level[b + k] as number, u, rate, sp.relax[k] as number, sp.rest[k] as number, CIRCUIT_LOWER[k] as number, dt);
      }
      const s5 = this.level[b + 4] as number;
      const gDamp = circuitGain(m.damping, s5, sp.rest[4] as number);
      for (let k = 0; k < n; k++) store.damping[i * n + k] = (this.baseDamping[i * n + k] as number) * gDamp;
      store.windGain[i] = (this.baseWind[i] as number) * circuitGain(-m.noise, s5, sp.rest[4] as number);
      store.charge[i] = (this.baseCharge[i] as number) * circuitGain(m.coupling, this.level[b + 7] as number, sp.rest[7] as number);
      this.refreshWeights(i);
    }
  }

  private refreshWeights(i: number): void {
    const sp = this.spec;
    const b = i * C;
    const identity = circuitGain(sp.modulation.identity, this.level[b + 6] as number, sp.rest[6] as number);
    for (let k = 0; k < 4; k++) this.weights[i * 4 + k] = siteWeight(k, this.level[b + k] as number, (sp.fieldGains[k] as number) * identity);
  }

  /** Adds the circuit-site forces -w grad Phi into store.fC and returns the circuit potential sum_i U_i. */
  accumulate(store: AgentStore): number {
    this.sync(store);
    const n = this.dims;
    const ns = this.siteDepth.length;
    const { x, fC } = store;
    let u = 0;
    for (let i = 0, base = 0; i < store.count; i++, base += n) {
      for (let j = 0, cb = 0; j < ns; j++, cb += n) {
        const w = this.weights[i * 4 + (this.siteCircuit[j] as number)] as number;
        if (w === 0) continue;
        const inv = this.siteInvW2[j] as number;
        let r2 = 0;
        for (let k = 0; k < n; k++) {
          const d = (x[base + k] as number) - (this.siteCentre[cb + k] as number);
          r2 += d * d;
        }
        const wPhi = -w * (this.siteDepth[j] as number) * Math.exp(-0.5 * r2 * inv);
        u += wPhi;
        // F = -w grad Phi = (w Phi) (x - c) / width^2; w Phi < 0 for w, depth > 0, so it pulls towards c.
        const coef = wPhi * inv;
        for (let k = 0; k < n; k++) fC[base + k] = (fC[base + k] as number) + coef * ((x[base + k] as number) - (this.siteCentre[cb + k] as number));
      }
    }
    return u;
  }

  /** A copy of agent id's circuit state. */
  view(id: number): CircuitView {
    const sp = this.spec;
    const m = sp.modulation;
    const b = id * C;
    const lv = (k: number): number => this.level[b + k] as number;
    const r = (k: number): number => sp.rest[k] as number;
    return {
      levels: Array.from(this.level.subarray(b, b + C)),
      inputs: Array.from(this.input.subarray(b, b + C)),
      inputUntilSec: this.inputEnd[id] as number,
      weights: Array.from(this.weights.subarray(id * 4, id * 4 + 4)),
      gains: {
        damping: circuitGain(m.damping, lv(4), r(4)),
        noise: circuitGain(-m.noise, lv(4), r(4)),
        plasticity: circuitGain(m.plasticity, lv(5), r(5)),
        identity: circuitGain(m.identity, lv(6), r(6)),
        coupling: circuitGain(m.coupling, lv(7), r(7)),
      },
    };
  }

  /** The whole state as arrays (snapshot and hash), in a fixed order. */
  toArrays(): number[][] {
    const k = this.known;
    const n = this.dims;
    return [
      [k],
      Array.from(this.level.subarray(0, k * C)),
      Array.from(this.input.subarray(0, k * C)),
      Array.from(this.inputEnd.subarray(0, k)),
      Array.from(this.baseDamping.subarray(0, k * n)),
      Array.from(this.baseWind.subarray(0, k)),
      Array.from(this.baseCharge.subarray(0, k)),
      Array.from(this.lastInternal.subarray(0, k)),
    ];
  }

  fromArrays(a: readonly (readonly number[])[]): void {
    const k = a[0]?.[0] ?? 0;
    if (k > this.capacity) this.grow(Math.max(k, 4));
    this.known = k;
    const targets = [this.level, this.input, this.inputEnd, this.baseDamping, this.baseWind, this.baseCharge, this.lastInternal];
    targets.forEach((t, j) => t.set(a[j + 1] ?? []));
    for (let i = 0; i < k; i++) this.refreshWeights(i);
  }
}

/**
 * The inputs a scored text event gives the circuits (A2.4's right-hand sides read from its push):
 * u_1 = safety (affection as nutrient), u_2 = status (conflict outcome), u_3 = |coherence| (novelty or
 * misalignment both activate), u_4 = -moral (violation minus confirmation), u_5..u_8 = the push itself.
 */
export function circuitInputsFromAffect(affect: readonly number[], scale: number): number[] {
  const a = (k: number): number => affect[k] ?? 0;
  return [a(0), a(1), Math.abs(a(2)), -a(3), a(4), a(5), a(6), a(7)].map((x) => x * scale);
}
