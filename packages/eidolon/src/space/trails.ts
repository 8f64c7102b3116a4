/**
 * Path memory (spec A3.1, A7.4): a ring buffer of Gaussian deposits. The trail felt by agent i is
 *   T_i(x) = sum_k a_k exp(-|x - c_k|^2 / (2 sigma^2))   (k over all deposits, or over i's own)
 * and its potential energy is U_i = g T_i(x_i), force -g grad T_i. Heights decay exactly as
 * a_k <- a_k exp(-lambda dt) per step. Deposits are kept as particles (not on a grid) so the same code
 * serves 2-D and 8-D spaces. Hot paths allocate nothing.
 */
import type { AgentStore } from '../state/agents.js';
import type { TrailSpec } from './space-params.js';

type Deposits = Extract<TrailSpec, { kind: 'deposits' }>;

/** Cumulative energy bookkeeping of the trails (energy = change of the agents' trail potential). */
export interface TrailLedger {
  /** Deposits held now and made so far. */
  readonly held: number;
  readonly made: number;
  /** Sum of the heights held now. */
  readonly strength: number;
  /** Potential energy change caused by decay (the trail's forgetting; a sink when g T > 0). */
  readonly decayWork: number;
  /** Potential energy change caused by new deposits, net of the evicted oldest ones. */
  readonly depositWork: number;
}

export class TrailMemory {
  readonly dims: number;
  readonly spec: Deposits;
  /** Deposit centres [capacity * dims], heights [capacity] and owners [capacity]. */
  readonly centre: Float64Array;
  readonly height: Float64Array;
  readonly owner: Float64Array;
  /** Deposits held (<= capacity) and the slot the next one goes to. */
  held = 0;
  next = 0;
  made = 0;
  /** Seconds since the last deposit round. */
  sinceDeposit = 0;
  decayWork = 0;
  depositWork = 0;
  /** Decay's share of the last advance() (scratch, not state). */
  lastDecayWork = 0;
  /** Trail potential at the last accumulate() (sum over agents of g T_i(x_i)). */
  lastPotential = 0;
  private readonly inv2s2: number;
  private keep = 1;
  private keepDt = 0;

  constructor(spec: Deposits, dims: number) {
    this.spec = spec;
    this.dims = dims;
    this.centre = new Float64Array(spec.capacity * dims);
    this.height = new Float64Array(spec.capacity);
    this.owner = new Float64Array(spec.capacity);
    this.inv2s2 = 1 / (2 * spec.width * spec.width);
  }

  /** T_i at agent i's position (no gradient). */
  valueAt(x: Float64Array, base: number, agent: number): number {
    const n = this.dims;
    const c = this.centre;
    const shared = this.spec.shared;
    let t = 0;
    for (let k = 0, cb = 0; k < this.held; k++, cb += n) {
      if (!shared && (this.owner[k] as number) !== agent) continue;
      let r2 = 0;
      for (let a = 0; a < n; a++) {
        const d = (x[base + a] as number) - (c[cb + a] as number);
        r2 += d * d;
      }
      t += (this.height[k] as number) * Math.exp(-r2 * this.inv2s2);
    }
    return t;
  }

  /** Total trail potential sum_i g T_i(x_i) at the current positions. */
  potential(store: AgentStore): number {
    let t = 0;
    for (let i = 0, base = 0; i < store.count; i++, base += store.dims) t += this.valueAt(store.x, base, i);
    return this.spec.coupling * t;
  }

  /** Adds -g grad T_i into store.fC for every agent; returns (and keeps) the total potential. */
  accumulate(store: AgentStore): number {
    const n = this.dims;
    const g = this.spec.coupling;
    const c = this.centre;
    const x = store.x;
    const f = store.fC;
    const shared = this.spec.shared;
    // -g grad(a e^{-r^2/(2 s^2)}) = g a e (x - c) / s^2 = 2 g inv2s2 a e (x - c)
    const fScale = 2 * g * this.inv2s2;
    let total = 0;
    for (let i = 0, base = 0; i < store.count; i++, base += n) {
      let t = 0;
      for (let k = 0, cb = 0; k < this.held; k++, cb += n) {
        if (!shared && (this.owner[k] as number) !== i) continue;
        let r2 = 0;
        for (let a = 0; a < n; a++) {
          const d = (x[base + a] as number) - (c[cb + a] as number);
          r2 += d * d;
        }
        const w = (this.height[k] as number) * Math.exp(-r2 * this.inv2s2);
        t += w;
        const fw = fScale * w;
        for (let a = 0; a < n; a++) f[base + a] = (f[base + a] as number) + fw * ((x[base + a] as number) - (c[cb + a] as number));
      }
      total += t;
    }
    this.lastPotential = g * total;
    return this.lastPotential;
  }

  /**
   * Advances the trail by dt: every height decays by exp(-lambda dt), then (once per interval) every
   * agent deposits at its position. `before` is the trail potential at the current positions before the
   * update; decay's share of the change is booked here, the deposits' share by SpaceModel.bookTrails().
   */
  advance(store: AgentStore, dtSec: number, before: number): void {
    if (dtSec !== this.keepDt) {
      this.keep = Math.exp(-this.spec.decay * dtSec);
      this.keepDt = dtSec;
    }
    const keep = this.keep;
    if (keep !== 1) for (let k = 0; k < this.held; k++) this.height[k] = (this.height[k] as number) * keep;
    this.lastDecayWork = (keep - 1) * before;
    this.decayWork += this.lastDecayWork;
    this.sinceDeposit += dtSec;
    // Deposit on the step nearest to each interval boundary (robust to the round-off of summing dt).
    if (this.sinceDeposit < this.spec.interval - 0.5 * dtSec) return;
    this.sinceDeposit -= this.spec.interval;
    const n = this.dims;
    for (let i = 0, base = 0; i < store.count; i++, base += n) {
      const slot = this.next;
      for (let a = 0; a < n; a++) this.centre[slot * n + a] = store.x[base + a] as number;
      this.height[slot] = this.spec.amount;
      this.owner[slot] = i;
      this.next = (slot + 1) % this.spec.capacity;
      if (this.held < this.spec.capacity) this.held++;
      this.made++;
    }
  }

  /** Sum of the heights held (the trail's strength). */
  strength(): number {
    let s = 0;
    for (let k = 0; k < this.held; k++) s += this.height[k] as number;
    return s;
  }

  ledger(): TrailLedger {
    return { held: this.held, made: this.made, strength: this.strength(), decayWork: this.decayWork, depositWork: this.depositWork };
  }

  /** Plain numbers for snapshots and the state hash. */
  getState(): number[] {
    const out = [this.held, this.next, this.made, this.sinceDeposit, this.decayWork, this.depositWork, this.lastPotential];
    for (let k = 0; k < this.held; k++) out.push(this.height[k] as number, this.owner[k] as number);
    for (let j = 0; j < this.held * this.dims; j++) out.push(this.centre[j] as number);
    return out;
  }

  setState(a: readonly number[]): void {
    [this.held, this.next, this.made, this.sinceDeposit, this.decayWork, this.depositWork, this.lastPotential] = a.slice(0, 7) as [number, number, number, number, number, number, number];
    let j = 7;
    for (let k = 0; k < this.held; k++) {
      this.height[k] = a[j++] as number;
      this.owner[k] = a[j++] as number;
    }
    for (let q = 0; q < this.held * this.dims; q++) this.centre[q] = a[j++] as number;
  }
}
