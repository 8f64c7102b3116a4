/**
 * The world's state and its step loop: agents (flat arrays), wells, wind, fields, the energy
 * ledger and the seeded random streams. The public API (events, snapshots) is in world.ts.
 *
 * One step of dt (velocity Verlet with symmetric exact damping, "OBABO"):
 *   O(dt/2) B(dt/2) A(dt) [collisions] [fields advance dt] [trails] F(x, t + dt) B(dt/2) O(dt/2)
 *   [mass growth] [leak] [particles]   (bracketed space steps only when params.space turns them on)
 * Forces are kept valid for the current positions between steps, so each step evaluates them once.
 */
import { createField } from '../fields/create-field.js';
import type { ScalarField } from '../fields/types.js';
import { Wind } from '../forces/wind.js';
import { EnergyLedger } from '../energy/ledger.js';
import type { LedgerReport, PotentialParts } from '../energy/ledger.js';
import { dampStep, drift, growMasses, kick, kineticEnergy, refreshDampFactors } from '../integrator/kernels.js';
import { beginLimitedStep, endLimitedStep } from '../integrator/energy-limit.js';
import { InvalidParameterError, UnknownAgentError } from '../errors.js';
import { deriveStream } from '../random/xoshiro.js';
import type { RandomStream } from '../random/xoshiro.js';
import { AgentStore } from '../state/agents.js';
import type { WorldParams } from '../state/params.js';
import { SpaceModel } from '../space/space-model.js';
import { spaceEnabled } from '../space/space-params.js';
import { ForceModel } from './force-model.js';
import { Circuits } from '../circuits/circuits.js';
import { StateHasher } from './hash.js';

/** What the world tells its listeners. */
export type WorldEvent =
  | { readonly kind: 'ledger-check'; readonly report: LedgerReport }
  | { readonly kind: 'ledger-violation'; readonly report: LedgerReport; readonly tolerance: number };

export type WorldListener = (event: WorldEvent) => void;

export class WorldCore {
  readonly params: WorldParams;
  readonly seed: number | string;
  readonly store: AgentStore;
  readonly forces: ForceModel;
  readonly fields: readonly (ScalarField & { resetLedger(): void })[];
  readonly energy = new EnergyLedger();
  /** Trails, particles, obstacles, exclusion (params.space); null when all are off. */
  readonly space: SpaceModel | null;
  /** Named random streams: 'init' (initial state), 'wind' (noise tables), 'thermostat', 'fields'. */
  readonly random: { readonly init: RandomStream; readonly thermostat: RandomStream };
  protected readonly potentials: PotentialParts = { wells: 0, pairs: 0, field: 0, boundary: 0, trail: 0, circuits: 0 };
  /** Drive-level circuit states (spec A2.4); null with the default field model. */
  readonly circuits: Circuits | null;
  protected listeners: WorldListener[] = [];
  protected timeSec = 0;
  protected stepIndex = 0;
  /** The dt the damping factors were computed for (0: none yet). */
  protected dtSec = 0;
  /** False after an event changed positions, velocities or forces; refreshed before the next step. */
  protected forcesFresh = false;
  private readonly temperature: number;
  private readonly anyMassGrowth: boolean;
  /** Per-agent energy budget left in the current step (scratch, refilled every step; not state). */
  private budget = new Float64Array(0);
  /** Velocities at the start of the step (scratch for the energy limit; not state). */
  private vStart = new Float64Array(0);

  protected constructor(params: WorldParams, seed: number | string) {
    this.params = params;
    this.seed = seed;
    this.store = new AgentStore(params.dims);
    this.random = { init: deriveStream(seed, 'init'), thermostat: deriveStream(seed, 'thermostat') };
    const wind = new Wind(params.dims, params.wind, deriveStream(seed, 'wind'));
    const fieldRandom = deriveStream(seed, 'fields');
    this.fields = params.fields.map((spec) => createField(spec, params.dims, fieldRandom));
    this.space = spaceEnabled(params.space) ? new SpaceModel(params.space, params.dims, deriveStream(seed, 'space')) : null;
    this.energy.extended = this.space !== null;
    this.forces = new ForceModel(params, wind, this.fields, this.space?.trails ?? null);
    this.temperature = params.thermostat.kind === 'langevin' ? params.thermostat.temperature : 0;
    this.anyMassGrowth = params.massGrowth.some((k) => k > 0);
    this.circuits = params.circuits.model === 'drive-level' ? new Circuits(params.circuits, params.dims) : null;
    this.forces.circuits = this.circuits;
  }

  get time(): number {
    return this.timeSec;
  }
  get stepCount(): number {
    return this.stepIndex;
  }
  get agentCount(): number {
    return this.store.count;
  }
  get dims(): number {
    return this.params.dims;
  }

  /**
   * Advances the world by dtSec (simulated seconds).
   * @example world.step(0.01)
   */
  step(dtSec: number): void {
    if (dtSec !== this.dtSec || !(dtSec > 0)) this.setDt(dtSec);
    if (this.circuits !== null) this.advanceCircuits(dtSec);
    if (!this.forcesFresh) this.refreshForces();
    const s = this.store;
    const tally = this.energy.tally;
    const h = 0.5 * dtSec;
    const verlet = this.params.integrator === 'velocity-verlet';
    const on = this.forces.languageOn;
    const thermo = this.temperature > 0 ? this.random.thermostat : null;
    const limit = this.params.energyLimit;
    if (limit.kind === 'limited') {
      if (this.budget.length < s.count) this.budget = new Float64Array(s.count);
      if (this.vStart.length < s.count * s.dims) this.vStart = new Float64Array(s.count * s.dims);
      beginLimitedStep(s, this.vStart, this.budget, limit.maxPerStep, limit.internalFraction);
    }
    dampStep(s, tally, this.temperature, thermo);
    kick(s, verlet ? h : dtSec, tally, on);
    drift(s, dtSec);
    const space = this.space;
    const t0 = this.timeSec;
    if (space !== null) space.collide(s, dtSec, tally);
    this.timeSec += dtSec;
    const uFieldBefore = this.fields.length > 0 ? this.advanceFields(dtSec) : 0;
    if (space !== null) space.advanceTrails(s, dtSec);
    this.forces.evaluate(s, this.timeSec, this.potentials);
    if (this.fields.length > 0) this.energy.fieldWork += this.potentials.field - uFieldBefore;
    if (space !== null) space.bookTrails(tally);
    if (verlet) kick(s, h, tally, this.forces.languageOn);
    // Before the last damping half-step, so that velocity the limit takes back makes no heat.
    if (limit.kind === 'limited') endLimitedStep(s, this.vStart, this.budget, tally);
    dampStep(s, tally, this.temperature, thermo);
    if (this.anyMassGrowth) growMasses(s, dtSec, h, tally);
    if (this.params.internalEnergy.leakRate > 0) this.leak(dtSec);
    if (space !== null) space.stepParticles(dtSec, t0, this.forces.wind);
    this.stepIndex++;
    if (this.stepIndex % this.params.ledger.checkEvery === 0) this.checkLedger();
  }

  /**
   * Runs `steps` steps of dtSec, calling onProgress(done, steps) every progressEvery steps.
   * @example world.run(100_000, 0.01)
   */
  run(steps: number, dtSec: number, onProgress?: (done: number, total: number) => void, progressEvery = 10_000): void {
    if (!Number.isInteger(steps) || steps < 0) throw new InvalidParameterError(`steps must be a non-negative integer, got ${steps}`, 'pass e.g. 1000');
    for (let i = 1; i <= steps; i++) {
      this.step(dtSec);
      if (onProgress !== undefined && (i % progressEvery === 0 || i === steps)) onProgress(i, steps);
    }
  }

  private setDt(dtSec: number): void {
    if (!(dtSec > 0) || !Number.isFinite(dtSec)) {
      throw new InvalidParameterError(`dt must be a finite number > 0, got ${dtSec}`, 'pass the time step in simulated seconds, e.g. 0.01');
    }
    for (const f of this.fields) f.checkDt(dtSec); // refuse before anything changes
    this.dtSec = dtSec;
    refreshDampFactors(this.store, 0.5 * dtSec);
  }

  /**
   * Drive-level model: advances the circuit states over the coming step (inputs held at its start), applies
   * their modulation, and books the potential-energy change at fixed positions as 'circuits' work.
   */
  private advanceCircuits(dtSec: number): void {
    const u = this.potentials;
    if (!this.forcesFresh) this.refreshForces();
    const before = u.wells + u.pairs + u.field + u.boundary + u.circuits;
    (this.circuits as Circuits).advance(this.store, this.timeSec, dtSec);
    refreshDampFactors(this.store, 0.5 * dtSec);
    this.refreshForces();
    this.energy.circuitWork += u.wells + u.pairs + u.field + u.boundary + u.circuits - before;
  }

  /** Field potential at the new positions before the fields move, then advances them. */
  private advanceFields(dtSec: number): number {
    const before = this.forces.fieldPotential(this.store);
    for (const f of this.fields) f.advance(dtSec);
    return before;
  }

  private leakKeep = 1;
  private leakDt = 0;

  private leak(dtSec: number): void {
    if (dtSec !== this.leakDt) {
      this.leakKeep = Math.exp(-this.params.internalEnergy.leakRate * dtSec);
      this.leakDt = dtSec;
    }
    const keep = this.leakKeep;
    const s = this.store;
    let leaked = 0;
    for (let i = 0; i < s.count; i++) {
      const e = s.internal[i] as number;
      leaked += e * (1 - keep);
      s.internal[i] = e * keep;
    }
    this.energy.leak += leaked;
  }

  /** Re-evaluates forces and potentials at the current state (after an event). */
  protected refreshForces(): void {
    this.forces.evaluate(this.store, this.timeSec, this.potentials);
    this.forcesFresh = true;
  }

  /** Current mechanical energy K + U (refreshing forces first if needed); cheaper than ledger(). */
  mechanicalEnergy(): number {
    if (!this.forcesFresh) this.refreshForces();
    const u = this.potentials;
    const e = kineticEnergy(this.store) + u.wells + u.pairs + u.field + u.boundary + u.trail;
    return this.circuits === null ? e : e + u.circuits;
  }

  protected internalTotal(): number {
    let e = 0;
    for (let i = 0; i < this.store.count; i++) e += this.store.internal[i] as number;
    return e;
  }

  /** The full energy ledger now. */
  ledger(): LedgerReport {
    if (!this.forcesFresh) this.refreshForces();
    return this.energy.report({
      timeSec: this.timeSec,
      step: this.stepIndex,
      kinetic: kineticEnergy(this.store),
      potential: { ...this.potentials },
      internal: this.internalTotal(),
      fields: this.fields.map((f) => f.ledger()),
      ...(this.space === null ? {} : { space: this.space.ledger() }),
    });
  }

  /** Checks the ledger against the tolerance; emits 'ledger-check' and, if exceeded, 'ledger-violation'. */
  checkLedger(): LedgerReport {
    let report = this.ledger();
    const tolerance = this.params.ledger.tolerance;
    if (report.relativeError > tolerance) {
      this.energy.violations++;
      report = { ...report, violations: this.energy.violations };
      this.emit({ kind: 'ledger-violation', report, tolerance });
    }
    this.emit({ kind: 'ledger-check', report });
    return report;
  }

  protected emit(event: WorldEvent): void {
    for (const l of this.listeners) l(event);
  }

  protected checkAgent(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.store.count) throw new UnknownAgentError(id, this.store.count);
  }

  /** 16-hex-digit hash of the complete dynamic state (bit-exact). */
  stateHash(): string {
    const h = new StateHasher();
    const s = this.store;
    const n = this.dims;
    h.numbers([s.count, n, this.timeSec, this.stepIndex]);
    for (const f of AgentStore.axisFields) h.array(s[f], s.count * n);
    for (const f of AgentStore.agentFields) h.array(s[f], s.count);
    h.numbers(this.random.thermostat.getState()).numbers(this.energy.toArray());
    for (const f of this.fields) {
      const st = f.getState();
      h.numbers(st.values.map(Number)).numbers(st.meta.map(Number));
    }
    if (this.circuits !== null) for (const a of this.circuits.toArrays()) h.numbers(a);
    if (this.space !== null) h.numbers(this.space.getState());
    return h.digest();
  }

  /** Upper estimate of the highest angular frequency of the conservative forces [rad/s]. */
  omegaMax(): number {
    return this.forces.omegaMax(this.store);
  }
}
