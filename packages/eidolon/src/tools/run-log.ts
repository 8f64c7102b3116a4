/**
 * Replays a scored event log through a world: events are applied at the start of the first step
 * whose time reaches their timestamp (spec A5.5 (a), A12.1.2), in order; the world is then stepped.
 * Same seed + same log + same parameters give a bit-identical final state (acceptance 5).
 */
import { createWorld } from '../sim/index.js';
import type { World } from '../sim/index.js';
import { blobField } from '../state/index.js';
import type { WorldParamsInput } from '../state/index.js';
import { DEFAULT_INPUT_PARAMS } from '../input/perturb.js';
import type { InputParams } from '../input/perturb.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { applyScoredEvent } from '../mind/apply-event.js';
import { InputEntropy } from '../input/entropy.js';
import { DEFAULT_PLACEMENT, OtherMinds } from '../mind/others.js';
import type { PlacementParams } from '../mind/others.js';

/** World parameters of `cephalon eidolon run`: 8-D, the self alone, one small random blob field. */
export const DEFAULT_RUN_WORLD: WorldParamsInput = {
  dims: 8,
  agentCount: 1,
  fields: [blobField({ maxBlobs: 16, pruneBelow: 1e-6, initial: { blobs: 4, massStd: 0.2, width: 0.4, spread: 0.5 } })],
};

export interface RunConfig {
  readonly seed: number;
  readonly world: WorldParamsInput;
  readonly dtSec: number;
  /** Total steps; default: up to the last event plus tailSec. */
  readonly steps?: number;
  readonly tailSec: number;
  /** Record positions every N steps (0: none). */
  readonly recordEvery: number;
  readonly input: InputParams;
  readonly placement: PlacementParams;
}

export const DEFAULT_RUN_CONFIG: RunConfig = {
  seed: 0,
  world: DEFAULT_RUN_WORLD,
  dtSec: 0.01,
  tailSec: 10,
  recordEvery: 10,
  input: DEFAULT_INPUT_PARAMS,
  placement: DEFAULT_PLACEMENT,
};

/** One recorded sample: positions of every agent [agentCount][dims] at a step. */
export interface TrajectorySample {
  readonly step: number;
  readonly timeSec: number;
  readonly positions: number[][];
  /** Mechanical energy of the world at this step. */
  readonly energy: number;
}

export interface RunHooks {
  readonly onSample?: (sample: TrajectorySample) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RunResult {
  readonly world: World;
  readonly minds: OtherMinds;
  readonly steps: number;
  /** Field energy injected by all packets (A12.3). */
  readonly inputFieldEnergy: number;
  /** Entropy S of the input stream at the end [bits] (A12.1.3, see input/entropy.ts). */
  readonly inputEntropyBits: number;
}

/** Steps needed to reach the last event plus the tail. */
export function stepsFor(events: readonly ScoredEvent[], dtSec: number, tailSec: number): number {
  const last = events.length === 0 ? 0 : Math.max(...events.map((e) => e.event.timestampSec));
  return Math.ceil((last + tailSec) / dtSec);
}

function sample(world: World): TrajectorySample {
  const positions = Array.from({ length: world.agentCount }, (_, id) => world.agent(id).position);
  return { step: world.stepCount, timeSec: world.time, positions, energy: world.mechanicalEnergy() };
}

/**
 * Runs the log; events must be sorted by timestamp (parseEventLog sorts).
 * @example const { world } = runScoredLog(scored, { ...DEFAULT_RUN_CONFIG, seed: 7 });
 */
export function runScoredLog(events: readonly ScoredEvent[], config: RunConfig, hooks: RunHooks = {}): RunResult {
  const world = createWorld(config.world, config.seed);
  const minds = new OtherMinds();
  const steps = config.steps ?? stepsFor(events, config.dtSec, config.tailSec);
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  let next = 0;
  let inputFieldEnergy = 0;
  const entropy = new InputEntropy();
  for (let i = 0; i < steps; i++) {
    const now = i * config.dtSec;
    while (next < events.length && (events[next] as ScoredEvent).event.timestampSec <= now + 1e-9) {
      const applied = applyScoredEvent(world, minds, events[next] as ScoredEvent, { selfId: 0, input: config.input, placement: config.placement });
      inputFieldEnergy += applied.fieldEnergy;
      entropy.add(events[next] as ScoredEvent);
      next++;
    }
    if (config.recordEvery > 0 && i % config.recordEvery === 0) hooks.onSample?.(sample(world));
    world.step(config.dtSec);
    if (hooks.onProgress !== undefined && (i + 1) % progressEvery === 0) hooks.onProgress(i + 1, steps);
  }
  if (config.recordEvery > 0) hooks.onSample?.(sample(world));
  return { world, minds, steps, inputFieldEnergy, inputEntropyBits: entropy.bits };
}
