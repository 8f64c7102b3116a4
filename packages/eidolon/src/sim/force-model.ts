/**
 * Evaluates every force on every agent at the current positions and a given time, filling the
 * agent store's force buffers and the potential energy by source. Order is fixed (wells, pairs,
 * boundary, fields, trails, wind, language, drive, clamp) so results are bit-reproducible.
 */
import { accumulateSoftBoundary } from '../forces/boundary.js';
import { computeDrives } from '../forces/drive.js';
import { computeLanguage } from '../forces/language.js';
import { accumulatePairs } from '../forces/pairwise.js';
import { Wells } from '../forces/wells.js';
import type { Wind } from '../forces/wind.js';
import type { ScalarField } from '../fields/types.js';
import type { PotentialParts } from '../energy/ledger.js';
import type { AgentStore } from '../state/agents.js';
import type { Circuits } from '../circuits/circuits.js';
import type { WorldParams } from '../state/params.js';
import type { TrailMemory } from '../space/trails.js';

export class ForceModel {
  readonly wells: Wells;
  readonly wind: Wind;
  readonly fields: readonly ScalarField[];
  private readonly couplings: Float64Array;
  private readonly params: WorldParams;
  /** 1 where the agent's language spring is active at the last evaluation [capacity]. */
  languageOn = new Uint8Array(4);
  /** False once every spring has expired (skips the scan); set by refreshFlags. */
  private springsActive = false;
  /** False while no agent has a drive (fD stays zero); set by refreshFlags. */
  private drivesActive = false;
  /** Drive-level circuit sites (null with the field model). */
  circuits: Circuits | null = null;

  /** Path memory (space/trails.ts) or null when trails are off. */
  private readonly trails: TrailMemory | null;

  constructor(params: WorldParams, wind: Wind, fields: readonly ScalarField[], trails: TrailMemory | null = null) {
    this.params = params;
    this.trails = trails;
    this.wells = new Wells(params.wells, params.dims);
    this.wind = wind;
    this.fields = fields;
    this.couplings = Float64Array.from(params.fields.map((f) => f.coupling));
  }

  /** Fills fC, fX, fL, fD and clampScale at time tSec; writes the potentials into `u`. */
  evaluate(store: AgentStore, tSec: number, u: PotentialParts): void {
    const total = store.count * store.dims;
    store.fC.fill(0, 0, total);
    store.fX.fill(0, 0, total);
    if (this.languageOn.length < store.capacity) this.languageOn = new Uint8Array(store.capacity);
    const p = this.params;
    u.wells = this.wells.accumulate(store);
    u.pairs = accumulatePairs(store, p.pairwise.gravity, p.pairwise.softening);
    u.boundary = p.boundary.kind === 'soft' ? accumulateSoftBoundary(store, p.boundary.halfWidth, p.boundary.stiffness) : 0;
    u.field = this.fields.length > 0 ? this.accumulateFields(store) : 0;
    u.circuits = this.circuits !== null ? this.circuits.accumulate(store) : 0;
    u.trail = this.trails !== null ? this.trails.accumulate(store) : 0;
    if (this.wind.enabled) this.wind.accumulate(store, tSec);
    let anyLanguage = false;
    if (this.springsActive) {
      anyLanguage = computeLanguage(store, tSec, p.maxLanguageForce, this.languageOn);
      this.springsActive = anyLanguage;
    }
    if (this.drivesActive) computeDrives(store);
    if (p.maxAcceleration !== Number.POSITIVE_INFINITY) this.clamp(store, anyLanguage);
  }

  /** Re-reads which agents have springs or drives (call after changing either, or after a restore). */
  refreshFlags(store: AgentStore): void {
    this.springsActive = false;
    this.drivesActive = false;
    for (let i = 0; i < store.count; i++) {
      if ((store.targetEnd[i] as number) > Number.NEGATIVE_INFINITY) this.springsActive = true;
      if ((store.drivePower[i] as number) !== 0) this.drivesActive = true;
    }
    if (!this.drivesActive) store.fD.fill(0);
    if (!this.springsActive) this.languageOn.fill(0);
  }

  /** Field potential sum_f g_f phi_f(x_i) and force -g_f grad phi_f into fC. */
  private accumulateFields(store: AgentStore): number {
    const n = store.dims;
    let u = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const field = this.fields[f] as ScalarField;
      const g = this.couplings[f] as number;
      for (let i = 0, base = 0; i < store.count; i++, base += n) {
        u += g * field.valueAndGradient(store.x, base, store.fC, base, -g);
      }
    }
    return u;
  }

  /** Field potential energy at the current positions with the current fields (value only). */
  fieldPotential(store: AgentStore): number {
    const n = store.dims;
    let u = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const field = this.fields[f] as ScalarField;
      const g = this.couplings[f] as number;
      for (let i = 0, base = 0; i < store.count; i++, base += n) u += g * field.value(store.x, base);
    }
    return u;
  }

  /** Scales each agent's total force so that |a| <= maxAcceleration; records the scale. */
  private clamp(store: AgentStore, anyLanguage: boolean): void {
    const n = store.dims;
    const aMax2 = this.params.maxAcceleration ** 2;
    for (let i = 0, base = 0; i < store.count; i++, base += n) {
      const withL = anyLanguage && this.languageOn[i] === 1;
      let a2 = 0;
      for (let k = base; k < base + n; k++) {
        let f = (store.fC[k] as number) + (store.fX[k] as number) + (store.fD[k] as number);
        if (withL) f += store.fL[k] as number;
        const a = f * (store.invM[k] as number);
        a2 += a * a;
      }
      store.clampScale[i] = a2 > aMax2 ? Math.sqrt(aMax2 / a2) : 1;
    }
  }

  /**
   * An upper estimate of the highest angular frequency in the conservative forces:
   * omega_max^2 = (max well curvature * q_max + pair curvature * (N - 1)) / m_min.
   */
  omegaMax(store: AgentStore): number {
    let qMax = 0;
    let mMin = Number.POSITIVE_INFINITY;
    for (let i = 0; i < store.count; i++) qMax = Math.max(qMax, Math.abs(store.charge[i] as number));
    for (let i = 0; i < store.count * store.dims; i++) mMin = Math.min(mMin, store.m[i] as number);
    const p = this.params;
    const pair = (Math.abs(p.pairwise.gravity) * qMax * qMax) / p.pairwise.softening ** 3;
    const boundary = p.boundary.kind === 'soft' ? p.boundary.stiffness : 0;
    const curvature = this.wells.maxCurvature() * qMax + pair * Math.max(0, store.count - 1) + boundary;
    return Math.sqrt(curvature / mMin);
  }
}
