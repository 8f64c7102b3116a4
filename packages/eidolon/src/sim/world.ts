/**
 * The public world API: create, add and place agents, impulses, language springs, drives,
 * field sources, listeners, state hash, snapshot and restore.
 */
import { InvalidParameterError, SnapshotError } from '../errors.js';
import { kineticEnergy, refreshDampFactors } from '../integrator/kernels.js';
import type { FieldSource, ScalarField } from '../fields/types.js';
import { AgentStore } from '../state/agents.js';
import type { AgentField, AxisField } from '../state/agents.js';
import type { WorldParams, WorldParamsInput } from '../state/params.js';
import { checkAxes, resolveParams } from '../state/validate-params.js';
import { SNAPSHOT_VERSION, decodeNumber, decodeParams, encodeJson } from './snapshot.js';
import type { WorldSnapshot } from './snapshot.js';
import { WorldCore } from './world-core.js';
import type { CircuitView } from '../circuits/circuits.js';
import { CIRCUIT_COUNT } from '../circuits/spec.js';
import type { WorldListener } from './world-core.js';

/** Optional initial values for a new agent (defaults: random position, world masses and damping). */
export interface AgentInit {
  readonly position?: readonly number[];
  readonly velocity?: readonly number[];
  readonly masses?: readonly number[];
  readonly damping?: readonly number[];
  readonly charge?: number;
  readonly windGain?: number;
  readonly internalEnergy?: number;
}

/** A copy of one agent's state. */
export interface AgentView {
  readonly id: number;
  readonly position: number[];
  readonly velocity: number[];
  readonly masses: number[];
  readonly charge: number;
  readonly internalEnergy: number;
}

/** Constant-power drive: power P, minimum speed, and who pays (outside world or internal energy). */
export interface DriveSpec {
  readonly power: number;
  readonly minSpeed: number;
  readonly paidFrom: 'external' | 'internal';
}

export class World extends WorldCore {
  /** Use createWorld(). */
  constructor(params: WorldParams, seed: number | string, agents: readonly AgentInit[] = []) {
    super(params, seed);
    for (let i = 0; i < params.agentCount; i++) this.addAgentRaw({});
    for (const init of agents) this.addAgentRaw(init);
    this.space?.separate(this.store);
    this.refreshForces();
    this.energy.reset(this.mechanicalEnergy(), this.internalTotal());
  }

  /** Adds an agent (booking the energy it brings as placement work); returns its id. */
  addAgent(init: AgentInit = {}): number {
    const before = this.mechanicalEnergy();
    const id = this.addAgentRaw(init);
    this.space?.separate(this.store);
    this.forcesFresh = false;
    this.energy.placementWork += this.mechanicalEnergy() - before;
    this.energy.internal0 += this.store.internal[id] as number;
    return id;
  }

  private addAgentRaw(init: AgentInit): number {
    const p = this.params;
    const n = p.dims;
    const rnd = this.random.init;
    for (const [name, xs] of [['position', init.position], ['velocity', init.velocity], ['masses', init.masses], ['damping', init.damping]] as const) {
      if (xs !== undefined) checkAxes(`agent ${name}`, xs, n, name === 'masses' ? (x) => x > 0 : name === 'damping' ? (x) => x >= 0 : Number.isFinite);
    }
    const s = this.store;
    const id = s.add();
    const b = id * n;
    for (let k = 0; k < n; k++) {
      s.x[b + k] = init.position?.[k] ?? p.initialSpread * (2 * rnd.nextFloat() - 1);
      s.v[b + k] = init.velocity?.[k] ?? p.initialSpeed * rnd.nextGaussian();
      const m = init.masses?.[k] ?? (p.masses[k] as number);
      s.m[b + k] = m;
      s.invM[b + k] = 1 / m;
      s.damping[b + k] = init.damping?.[k] ?? (p.damping[k] as number);
      s.massGrowth[b + k] = p.massGrowth[k] as number;
    }
    s.charge[id] = init.charge ?? p.charge;
    s.windGain[id] = init.windGain ?? 1;
    s.internal[id] = init.internalEnergy ?? p.internalEnergy.initial;
    if (this.dtSec > 0) refreshDampFactors(s, 0.5 * this.dtSec);
    return id;
  }

  /** A copy of agent `id`'s state. */
  agent(id: number): AgentView {
    this.checkAgent(id);
    const s = this.store;
    const n = this.dims;
    const slice = (a: Float64Array): number[] => Array.from(a.subarray(id * n, (id + 1) * n));
    return { id, position: slice(s.x), velocity: slice(s.v), masses: slice(s.m), charge: s.charge[id] as number, internalEnergy: s.internal[id] as number };
  }

  /** Moves an agent (e.g. another mind re-placed by the scorer); the energy change is booked as placement work. */
  placeAgent(id: number, position: readonly number[], velocity?: readonly number[]): void {
    this.checkAgent(id);
    checkAxes('position', position, this.dims, Number.isFinite);
    if (velocity !== undefined) checkAxes('velocity', velocity, this.dims, Number.isFinite);
    this.booked('placement', () => {
      this.store.x.set(position, id * this.dims);
      if (velocity !== undefined) this.store.v.set(velocity, id * this.dims);
      this.space?.separate(this.store);
    });
  }

  /**
   * Applies an impulse J (Δv = J / m per axis), its norm clipped to params.maxImpulse. The kinetic
   * energy it injects is booked as external work ('impulse'). Returns the applied impulse and the work.
   * @example world.applyImpulse(0, [0.2, 0, 0, 0, 0, 0, 0, 0])
   */
  applyImpulse(id: number, impulse: readonly number[]): { applied: number[]; work: number } {
    this.checkAgent(id);
    checkAxes('impulse', impulse, this.dims, Number.isFinite);
    const norm = Math.hypot(...impulse);
    const scale = norm > this.params.maxImpulse ? this.params.maxImpulse / norm : 1;
    const s = this.store;
    const base = id * this.dims;
    let work = 0;
    const applied = impulse.map((j, k) => {
      const vb = s.v[base + k] as number;
      const va = vb + (scale * j) / (s.m[base + k] as number);
      work += 0.5 * (s.m[base + k] as number) * (va * va - vb * vb);
      s.v[base + k] = va;
      return scale * j;
    });
    this.energy.impulseWork += work;
    this.forcesFresh = false; // velocity-dependent forces (drive) change
    return { applied, work };
  }

  /**
   * Starts a transient language spring F = -K (x - target) for durationSec (norm clipped to
   * params.maxLanguageForce). Its work is booked as external work ('language').
   * @example world.setLanguageTarget(0, target, 2, 1.5)
   */
  setLanguageTarget(id: number, target: readonly number[], stiffness: number | readonly number[], durationSec: number): void {
    this.checkAgent(id);
    const n = this.dims;
    checkAxes('target', target, n, Number.isFinite);
    const k = typeof stiffness === 'number' ? new Array<number>(n).fill(stiffness) : stiffness;
    checkAxes('stiffness', k, n, (x) => x >= 0);
    if (!(durationSec >= 0) || !Number.isFinite(durationSec)) throw new InvalidParameterError('durationSec must be finite and >= 0', 'pass seconds, e.g. 2');
    this.store.targetPos.set(target, id * n);
    this.store.targetK.set(k, id * n);
    this.store.targetEnd[id] = this.timeSec + durationSec;
    this.forces.refreshFlags(this.store);
    this.forcesFresh = false;
  }

  /** Removes an agent's language spring. */
  clearLanguageTarget(id: number): void {
    this.checkAgent(id);
    this.store.targetEnd[id] = Number.NEGATIVE_INFINITY;
    this.forces.refreshFlags(this.store);
    this.forcesFresh = false;
  }

  /** Sets (or with null removes) an agent's constant-power drive. */
  setDrive(id: number, drive: DriveSpec | null): void {
    this.checkAgent(id);
    if (drive !== null && (!(drive.power >= 0) || !(drive.minSpeed > 0) || !Number.isFinite(drive.power))) {
      throw new InvalidParameterError('drive needs power >= 0 and minSpeed > 0', 'e.g. { power: 0.1, minSpeed: 0.05, paidFrom: "external" }');
    }
    this.store.drivePower[id] = drive?.power ?? 0;
    this.store.driveMinSpeed[id] = drive?.minSpeed ?? 1;
    this.store.driveInternal[id] = drive?.paidFrom === 'internal' ? 1 : 0;
    this.forces.refreshFlags(this.store);
    this.forcesFresh = false;
  }

  /** Sets an agent's per-axis damping coefficients c_k (e.g. modulated by circuit 5). */
  setDamping(id: number, coefficients: readonly number[]): void {
    this.checkAgent(id);
    checkAxes('damping', coefficients, this.dims, (x) => x >= 0);
    this.store.damping.set(coefficients, id * this.dims);
    if (this.circuits !== null) {
      this.circuits.sync(this.store);
      this.circuits.setBaseDamping(id, coefficients); // circuit 5 multiplies these from the next step on
    }
    if (this.dtSec > 0) refreshDampFactors(this.store, 0.5 * this.dtSec);
  }

  /**
   * Drive-level model: holds external inputs u_1..u_8 of agent id's circuit ODEs (spec A2.4: nutrient
   * intake, conflict outcome, novelty + misalignment, violation - confirmation; then circuits 5-8) for
   * durationSec (default: until replaced). Throws with the field model.
   * @example world.setCircuitInput(0, [0, 0.5, 0, 0, 0, 0, 0, 0], 3)
   */
  setCircuitInput(id: number, inputs: readonly number[], durationSec: number = Number.POSITIVE_INFINITY): void {
    this.checkAgent(id);
    const c = this.requireCircuits();
    if (!Array.isArray(inputs) || inputs.length !== CIRCUIT_COUNT || !inputs.every(Number.isFinite)) {
      throw new InvalidParameterError(`circuit inputs must be ${CIRCUIT_COUNT} finite numbers`, 'pass one input per circuit, e.g. [0, 0.5, 0, 0, 0, 0, 0, 0]');
    }
    if (!(durationSec >= 0)) throw new InvalidParameterError('durationSec must be >= 0', 'pass seconds, or omit it to hold the inputs');
    c.sync(this.store);
    c.setInput(id, inputs, this.timeSec + durationSec);
  }

  /** Drive-level model: a copy of agent id's circuit levels, held inputs, field weights and gains. Throws with the field model. */
  circuitState(id: number): CircuitView {
    this.checkAgent(id);
    const c = this.requireCircuits();
    c.sync(this.store);
    return c.view(id);
  }

  private requireCircuits(): NonNullable<World['circuits']> {
    if (this.circuits === null) throw new InvalidParameterError('the world runs the field circuit model', "create it with params.circuits = driveLevelCircuits(dims)");
    return this.circuits;
  }

  /** Adds a source packet to field `index`; its effect on the agents' energy is booked ('field'). */
  addSource(index: number, source: FieldSource): { mass: number; energy: number } {
    const field = this.field(index);
    let result = { mass: 0, energy: 0 };
    this.booked('field', () => {
      result = field.addSource(source);
    });
    return result;
  }

  field(index: number): ScalarField {
    const f = this.fields[index];
    if (f === undefined) throw new InvalidParameterError(`no field ${index} (the world has ${this.fields.length})`, 'add fields via params.fields');
    return f;
  }

  /** The wind vector at a point and time (default: now). */
  windAt(point: readonly number[], tSec: number = this.timeSec): number[] {
    checkAxes('point', point, this.dims, Number.isFinite);
    return Array.from(this.forces.wind.sample(point, tSec, new Float64Array(this.dims)));
  }

  /** Total momentum sum_i m_i v_i per axis. */
  momentum(): number[] {
    const n = this.dims;
    const out = new Array<number>(n).fill(0);
    for (let i = 0; i < this.store.count * n; i++) out[i % n]! += (this.store.m[i] as number) * (this.store.v[i] as number);
    return out;
  }

  kineticEnergy(): number {
    return kineticEnergy(this.store);
  }

  /** Subscribes to world events; returns the unsubscribe function. */
  onEvent(listener: WorldListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Runs a mutation and books the change of mechanical energy it causes on the channel. */
  private booked(channel: 'placement' | 'field', mutate: () => void): void {
    const before = this.mechanicalEnergy();
    mutate();
    this.forcesFresh = false;
    const delta = this.mechanicalEnergy() - before;
    if (channel === 'field') this.energy.fieldWork += delta;
    else this.energy.placementWork += delta;
  }

  /** The complete state as plain JSON-serialisable data. */
  snapshot(): WorldSnapshot {
    const s = this.store;
    const n = this.dims;
    const agents: Record<string, (number | string)[]> = {};
    for (const f of AgentStore.axisFields) agents[f] = Array.from(s[f].subarray(0, s.count * n), (x) => encodeJson(x) as number | string);
    for (const f of AgentStore.agentFields) agents[f] = Array.from(s[f].subarray(0, s.count), (x) => encodeJson(x) as number | string);
    return {
      version: SNAPSHOT_VERSION,
      seed: this.seed,
      params: encodeJson(this.params),
      timeSec: this.timeSec,
      step: this.stepIndex,
      dtSec: this.dtSec,
      agentCount: s.count,
      agents,
      languageOn: Array.from(this.forces.languageOn.subarray(0, s.count)),
      // [4] trail (space), [5] circuits (drive-level model): written only when in use, so older hashes hold.
      potentials: [
        this.potentials.wells, this.potentials.pairs, this.potentials.field, this.potentials.boundary,
        ...(this.space === null && this.circuits === null ? [] : [this.potentials.trail]),
        ...(this.circuits === null ? [] : [this.potentials.circuits]),
      ],
      forcesFresh: this.forcesFresh,
      random: { thermostat: this.random.thermostat.getState() },
      fields: this.fields.map((f) => f.getState()),
      ledger: this.energy.toArray(),
      ...(this.circuits === null ? {} : { circuits: this.circuits.toArrays().map((a) => a.map((x) => encodeJson(x) as number | string)) }),
      ...(this.space === null ? {} : { space: this.space.getState().map((x) => encodeJson(x) as number | string) }),
    };
  }

  /** Restores a snapshot of a world with the same parameters and seed (see restoreWorld for a fresh one). */
  restore(snap: WorldSnapshot): void {
    if (snap.version !== SNAPSHOT_VERSION) throw new SnapshotError(`snapshot version ${snap.version}, expected ${SNAPSHOT_VERSION}`);
    // Parameters are compared after filling defaults, so snapshots written before a parameter group existed still restore.
    if (JSON.stringify(encodeJson(resolvedSnapshotParams(snap))) !== JSON.stringify(encodeJson(this.params)) || snap.seed !== this.seed) {
      throw new SnapshotError('snapshot was taken from a world with other parameters or another seed');
    }
    const s = this.store;
    while (s.count < snap.agentCount) s.add();
    s.count = snap.agentCount;
    const load = (name: AxisField | AgentField, length: number): void => {
      const xs = snap.agents[name];
      if (xs === undefined || xs.length !== length) throw new SnapshotError(`snapshot agent array '${name}' is missing or has the wrong length`);
      s[name].set(xs.map(decodeNumber));
    };
    for (const f of AgentStore.axisFields) load(f, s.count * this.dims);
    for (const f of AgentStore.agentFields) load(f, s.count);
    if (this.forces.languageOn.length < s.capacity) this.forces.languageOn = new Uint8Array(s.capacity);
    this.forces.refreshFlags(s);
    this.forces.languageOn.set(snap.languageOn);
    [this.potentials.wells, this.potentials.pairs, this.potentials.field, this.potentials.boundary] = snap.potentials.map(Number) as [number, number, number, number];
    this.potentials.trail = Number(snap.potentials[4] ?? 0);
    this.potentials.circuits = Number(snap.potentials[5] ?? 0);
    if (this.circuits !== null) {
      if (snap.circuits === undefined) throw new SnapshotError('snapshot of a drive-level world lacks its circuit state');
      this.circuits.fromArrays(snap.circuits.map((a) => a.map(decodeNumber)));
    }
    if (this.space !== null) {
      if (snap.space === undefined) throw new SnapshotError('snapshot has no space state but the world has space mechanisms on');
      this.space.setState(snap.space.map(decodeNumber));
    }
    this.timeSec = snap.timeSec;
    this.stepIndex = snap.step;
    this.dtSec = snap.dtSec;
    this.forcesFresh = snap.forcesFresh;
    this.random.thermostat.setState(snap.random.thermostat ?? []);
    snap.fields.forEach((st, i) => this.fields[i]?.setState(st));
    this.energy.fromArray(snap.ledger);
  }
}

/**
 * Creates a world from (partial) parameters and a seed: params.agentCount agents at random
 * positions, then one agent per entry of `agents` (explicit initial values). Same parameters,
 * seed and call sequence give a bit-identical state.
 * @example const world = createWorld({ dims: 8, agentCount: 4 }, 42); world.run(1000, 0.01);
 */
export function createWorld(params: WorldParamsInput = {}, seed: number | string = 0, agents: readonly AgentInit[] = []): World {
  return new World(resolveParams(params), seed, agents);
}

/** The snapshot's parameters with defaults filled in (SnapshotError when they do not validate). */
function resolvedSnapshotParams(snap: WorldSnapshot): WorldParams {
  try {
    return resolveParams(decodeParams(snap.params));
  } catch (cause) {
    throw new SnapshotError(`snapshot parameters are invalid: ${(cause as Error).message}`);
  }
}

/** Creates a world from a snapshot alone. */
export function restoreWorld(snap: WorldSnapshot): World {
  const world = new World(resolvedSnapshotParams(snap), snap.seed);
  world.restore(snap);
  return world;
}
