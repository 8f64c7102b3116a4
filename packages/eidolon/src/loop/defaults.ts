/** Default loop parameters (documented in docs/eidolon-loop.md). */
import { DEFAULT_INPUT_PARAMS } from '../input/perturb.js';
import { DEFAULT_PLACEMENT } from '../mind/others.js';
import { DEFAULT_RUN_WORLD } from '../tools/run-log.js';
import { DEFAULT_DRIVE_RATES } from './drives.js';
import type { LoopParams } from './loop-types.js';
import { DEFAULT_POLICY } from './policy.js';
import { DEFAULT_REACTIONS } from './reactions.js';
import { DEFAULT_STATE_THRESHOLDS } from './states.js';
import { DEFAULT_QUEUE_PARAMS } from './thoughts.js';

export const LOOP_STATE_VERSION = 1;

export const DEFAULT_LOOP_PARAMS: LoopParams = {
  tickSec: 1,
  stepsPerTick: 20,
  persistEveryTicks: 1,
  agentName: 'duck',
  shiftSpeed: 0.25,
  threatBelow: -0.5,
  joinAbove: 0.4,
  leaveFatigue: 0.85,
  world: DEFAULT_RUN_WORLD,
  input: DEFAULT_INPUT_PARAMS,
  placement: DEFAULT_PLACEMENT,
  drives: DEFAULT_DRIVE_RATES,
  states: DEFAULT_STATE_THRESHOLDS,
  queue: DEFAULT_QUEUE_PARAMS,
  policy: DEFAULT_POLICY,
  reactions: DEFAULT_REACTIONS,
  downtime: { minDowntimeSec: 60, escalateAfterSec: 6 * 3600, backOffAfterIgnored: 2 },
};
