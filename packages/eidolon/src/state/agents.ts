/**
 * Structure-of-arrays storage for agents: every per-axis quantity is one flat Float64Array of
 * length [capacity * dims], indexed [agent * dims + axis]; per-agent scalars are [capacity].
 * The hot loops read these arrays directly (no objects, no allocation per step).
 */

const INITIAL_CAPACITY = 4;

/** Per-axis arrays, [capacity * dims]. */
const AXIS_FIELDS = [
  'x', 'v', 'm', 'invM', 'damping', 'massGrowth', 'fC', 'fX', 'fD', 'fL', 'dampFactor', 'targetPos', 'targetK',
] as const;
/** Per-agent scalars, [capacity]. */
const AGENT_FIELDS = [
  'charge', 'windGain', 'internal', 'clampScale', 'targetEnd', 'drivePower', 'driveMinSpeed', 'driveInternal',
] as const;

export type AxisField = (typeof AXIS_FIELDS)[number];
export type AgentField = (typeof AGENT_FIELDS)[number];

export class AgentStore {
  readonly dims: number;
  count = 0;
  capacity = 0;
  /** Positions p [capacity * dims]. */
  x = new Float64Array(0);
  /** Velocities v [capacity * dims]. */
  v = new Float64Array(0);
  /** Inertial masses m_k [capacity * dims] and their inverses. */
  m = new Float64Array(0);
  invM = new Float64Array(0);
  /** Damping coefficients c_k [capacity * dims] (force -c_k v_k). */
  damping = new Float64Array(0);
  /** Mass growth rates kappa_k [capacity * dims]. */
  massGrowth = new Float64Array(0);
  /** Conservative force (wells, pairs, fields, boundary) at the current positions. */
  fC = new Float64Array(0);
  /** External wind force at the current positions and time. */
  fX = new Float64Array(0);
  /** Language spring force (only meaningful for agents whose spring is active). */
  fL = new Float64Array(0);
  /** Drive force (constant-power self-propulsion). */
  fD = new Float64Array(0);
  /** exp(-c_k / m_k * h) for the current damping half-step h (cache, see Integrator). */
  dampFactor = new Float64Array(0);
  /** Language spring target and per-axis stiffness (0 = no spring on that axis). */
  targetPos = new Float64Array(0);
  targetK = new Float64Array(0);
  /** Scalar coupling charge q. */
  charge = new Float64Array(0);
  /** Multiplier on the wind force (0 turns the wind off for this agent). */
  windGain = new Float64Array(0);
  /** Internal (cognitive) energy E_int. */
  internal = new Float64Array(0);
  /** Acceleration clamp scale s in (0, 1] applied at the last force evaluation. */
  clampScale = new Float64Array(0);
  /** Simulated time [s] at which the language spring expires (-Infinity: none). */
  targetEnd = new Float64Array(0);
  /** Drive power P [energy/s] (0: no drive), minimum speed, and 1 when paid from internal energy. */
  drivePower = new Float64Array(0);
  driveMinSpeed = new Float64Array(0);
  driveInternal = new Float64Array(0);

  constructor(dims: number) {
    this.dims = dims;
    this.grow(INITIAL_CAPACITY);
  }

  /** Appends one zeroed agent (clampScale 1, no spring) and returns its id. */
  add(): number {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    const id = this.count++;
    this.clampScale[id] = 1;
    this.windGain[id] = 1;
    this.targetEnd[id] = Number.NEGATIVE_INFINITY;
    return id;
  }

  private grow(capacity: number): void {
    const n = this.dims;
    for (const name of AXIS_FIELDS) this[name] = copyInto(this[name], capacity * n);
    for (const name of AGENT_FIELDS) this[name] = copyInto(this[name], capacity);
    this.capacity = capacity;
  }

  /** Names of the per-axis and per-agent arrays (for snapshots and hashing). */
  static readonly axisFields: readonly AxisField[] = AXIS_FIELDS;
  static readonly agentFields: readonly AgentField[] = AGENT_FIELDS;
}

function copyInto(src: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(length);
  out.set(src.subarray(0, Math.min(src.length, length)));
  return out;
}
