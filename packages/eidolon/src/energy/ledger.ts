/**
 * The energy ledger (spec A9.6) as first-class state. Mechanical energy
 *   E_mech = K + U_wells + U_pairs + U_field + U_boundary + U_trail + U_circuits
 * changes only through booked terms; the residual is the integrator's numerical error:
 *   err = E_mech(t) - E_mech(0) - W_ext - W_effort + Q
 * where W_ext is all external work (wind, language, impulses, external drive, thermostat noise,
 * acceleration clamp, energy limit, field changes, placements, trail updates, drive-level circuit changes),
 * W_effort the drive work paid from internal energy and Q the heat removed by damping, mass growth and inelastic
 * collisions (which goes into internal energy).
 * Internal energy closes exactly: E_int(t) = E_int(0) + Q - W_effort - leak.
 */
import type { FieldLedger } from '../fields/types.js';
import { StepTally } from '../integrator/tally.js';
import type { SpaceLedger } from '../space/space-model.js';

/** Named external-work channels. */
export const WORK_CHANNELS = ['wind', 'language', 'impulse', 'drive', 'thermostat', 'clamp', 'limit', 'field', 'placement', 'trail', 'circuits'] as const;
export type WorkChannel = (typeof WORK_CHANNELS)[number];

/** Potential energy by source. */
export interface PotentialParts {
  wells: number;
  pairs: number;
  field: number;
  boundary: number;
  /** Trail potential sum_i g T_i(x_i) (space/trails.ts; 0 without trails). */
  trail: number;
  /** Drive-level circuit sites (0 with the field model). */
  circuits: number;
}

/** What world.ledger() returns: plain data. */
export interface LedgerReport {
  readonly timeSec: number;
  readonly step: number;
  readonly kinetic: number;
  readonly potential: Readonly<PotentialParts> & { readonly total: number };
  readonly mechanical: number;
  readonly mechanical0: number;
  readonly internal: number;
  readonly internal0: number;
  readonly externalWork: Readonly<Record<WorkChannel, number>> & { readonly total: number };
  /** Heat taken out of the motion: damping and mass growth (both go to internal energy). */
  readonly heat: { readonly damping: number; readonly massGrowth: number; readonly collision: number; readonly total: number };
  /** Drive work paid from internal energy. */
  readonly effort: number;
  /** Internal energy leaked to the outside (exported). */
  readonly leak: number;
  /** E_mech - E_mech0 - W_ext - effort + heat. */
  readonly numericalError: number;
  /** |numericalError| / scale, with scale = max(|E_mech0|, K + sum |U|, sum |W|, heat). */
  readonly relativeError: number;
  readonly scale: number;
  /** Number of checks that exceeded the tolerance so far. */
  readonly violations: number;
  readonly fields: readonly FieldLedger[];
  /** Trails, particles and collision counts; only when a space mechanism is on. */
  readonly space?: SpaceLedger;
}

export class EnergyLedger {
  /** Flows counted by the integrator kernels (damping, kicks, clamp, mass growth). */
  readonly tally = new StepTally();
  /** Work booked outside the kernels: impulses, field changes, placements. */
  impulseWork = 0;
  fieldWork = 0;
  placementWork = 0;
  /** Potential-energy change caused by the drive-level circuit states changing (weights, charge). */
  circuitWork = 0;
  leak = 0;
  mechanical0 = 0;
  internal0 = 0;
  violations = 0;
  /** Set when a space mechanism is on: toArray() then carries the space terms (hashes of other worlds unchanged). */
  extended = false;

  reset(mechanical: number, internal: number): void {
    this.fromArray([]);
    this.mechanical0 = mechanical;
    this.internal0 = internal;
  }

  /** External work by channel. */
  work(): Record<WorkChannel, number> {
    const t = this.tally;
    return {
      wind: t.windWork,
      language: t.languageWork,
      impulse: this.impulseWork,
      drive: t.driveWork,
      thermostat: t.thermostatWork,
      clamp: t.clampWork,
      limit: t.limitWork,
      field: this.fieldWork,
      placement: this.placementWork,
      trail: t.trailWork,
      circuits: this.circuitWork,
    };
  }

  /** Builds the report for the current energies. */
  report(now: {
    timeSec: number; step: number; kinetic: number; potential: PotentialParts; internal: number; fields: readonly FieldLedger[]; space?: SpaceLedger;
  }): LedgerReport {
    const u = now.potential;
    const uTotal = u.wells + u.pairs + u.field + u.boundary + u.trail + u.circuits;
    const mechanical = now.kinetic + uTotal;
    const work = this.work();
    let wTotal = 0;
    let wAbs = 0;
    for (const c of WORK_CHANNELS) {
      wTotal += work[c];
      wAbs += Math.abs(work[c]);
    }
    const effort = this.tally.effort;
    const heat = this.tally.dampingHeat + this.tally.massGrowthHeat + this.tally.collisionHeat;
    const numericalError = mechanical - this.mechanical0 - wTotal - effort + heat;
    const uAbs = Math.abs(u.wells) + Math.abs(u.pairs) + Math.abs(u.field) + Math.abs(u.boundary) + Math.abs(u.trail) + Math.abs(u.circuits);
    const scale = Math.max(Math.abs(this.mechanical0), now.kinetic + uAbs, wAbs + Math.abs(effort), heat, Number.MIN_VALUE);
    return {
      timeSec: now.timeSec,
      step: now.step,
      kinetic: now.kinetic,
      potential: { ...u, total: uTotal },
      mechanical,
      mechanical0: this.mechanical0,
      internal: now.internal,
      internal0: this.internal0,
      externalWork: { ...work, total: wTotal },
      heat: { damping: this.tally.dampingHeat, massGrowth: this.tally.massGrowthHeat, collision: this.tally.collisionHeat, total: heat },
      effort,
      leak: this.leak,
      numericalError,
      relativeError: Math.abs(numericalError) / scale,
      scale,
      violations: this.violations,
      fields: now.fields,
      ...(now.space === undefined ? {} : { space: now.space }),
    };
  }

  toArray(): number[] {
    const t = this.tally;
    const out = [
      t.dampingHeat, t.thermostatWork, t.windWork, t.languageWork, t.driveWork, t.effort, t.clampWork, t.massGrowthHeat,
      this.impulseWork, this.fieldWork, this.placementWork, this.leak, this.mechanical0, this.internal0, this.violations,
    ];
    // Appended only when used, so snapshots and state hashes of worlds without the energy limit are
    // unchanged from before it existed (persisted agent states still verify on open).
    // Tail layout: [15] limit, [16] trail, [17] collision heat (space), [18] circuit work (drive-level model);
    // written up to the last slot in use, so older worlds keep their hashes and any snapshot restores.
    const circuits = this.circuitWork !== 0;
    if (t.limitWork !== 0 || this.extended || circuits) out.push(t.limitWork);
    if (this.extended || circuits) out.push(t.trailWork, t.collisionHeat);
    if (circuits) out.push(this.circuitWork);
    return out;
  }

  fromArray(a: readonly number[]): void {
    const t = this.tally;
    const at = (i: number): number => a[i] ?? 0;
    [t.dampingHeat, t.thermostatWork, t.windWork, t.languageWork, t.driveWork, t.effort, t.clampWork, t.massGrowthHeat] = [
      at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7),
    ];
    [this.impulseWork, this.fieldWork, this.placementWork, this.leak, this.mechanical0, this.internal0, this.violations] = [
      at(8), at(9), at(10), at(11), at(12), at(13), at(14),
    ];
    t.limitWork = at(15);
    t.trailWork = at(16);
    t.collisionHeat = at(17);
    this.circuitWork = at(18);
  }
}
