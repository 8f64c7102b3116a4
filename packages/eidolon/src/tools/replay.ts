/**
 * Records a run as a trajectory, and re-runs a trajectory from its recorded seed, parameters and
 * scored events, checking that the final state hash (and every recorded sample) comes out identical.
 */
import { decodeParams } from '../sim/snapshot.js';
import type { WorldParamsInput } from '../state/index.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { finalLine, headerLine, sampleLine } from './trajectory.js';
import type { Trajectory } from './trajectory.js';
import { runScoredLog } from './run-log.js';
import type { RunConfig, RunHooks, TrajectorySample } from './run-log.js';

/**
 * Runs `events` and returns the trajectory file's lines (header, samples, final).
 * @example const lines = recordTrajectory(scored, { ...DEFAULT_RUN_CONFIG, seed: 3 }); writeFileSync(out, lines.join('\n') + '\n')
 */
export function recordTrajectory(events: readonly ScoredEvent[], config: RunConfig, onProgress?: RunHooks['onProgress']): { lines: string[]; stateHash: string } {
  const samples: string[] = [];
  const hooks: RunHooks = { onSample: (s) => samples.push(sampleLine(s)), ...(onProgress === undefined ? {} : { onProgress }) };
  const result = runScoredLog(events, config, hooks);
  const { world } = result;
  const header = headerLine({
    seed: config.seed, dtSec: config.dtSec, steps: result.steps, recordEvery: config.recordEvery,
    world: world.params, input: config.input, placement: config.placement, events,
  });
  const stateHash = world.stateHash();
  const final = finalLine({ step: world.stepCount, stateHash, agentCount: world.agentCount, speakers: result.minds.entries(), inputFieldEnergy: result.inputFieldEnergy, inputEntropyBits: result.inputEntropyBits });
  return { lines: [header, ...samples, final], stateHash };
}

export interface ReplayReport {
  readonly expectedHash: string;
  readonly actualHash: string;
  readonly matches: boolean;
  readonly samplesCompared: number;
  /** Recorded samples whose positions differ from the re-run (any bit). */
  readonly sampleMismatches: number;
}

/** Re-runs a trajectory deterministically and compares hashes and samples. */
export function replayTrajectory(t: Trajectory, onProgress?: RunHooks['onProgress']): ReplayReport {
  const h = t.header;
  const config: RunConfig = {
    seed: h.seed, world: decodeParams(h.world) as WorldParamsInput, dtSec: h.dtSec, steps: h.steps, tailSec: 0,
    recordEvery: h.recordEvery, input: h.input, placement: h.placement,
  };
  const rerun: TrajectorySample[] = [];
  const result = runScoredLog(h.events, config, { onSample: (s) => rerun.push(s), ...(onProgress === undefined ? {} : { onProgress }) });
  let mismatches = 0;
  const n = Math.min(rerun.length, t.samples.length);
  for (let i = 0; i < n; i++) if (JSON.stringify(rerun[i]?.positions) !== JSON.stringify(t.samples[i]?.positions)) mismatches++;
  mismatches += Math.abs(rerun.length - t.samples.length);
  const actualHash = result.world.stateHash();
  return { expectedHash: t.final.stateHash, actualHash, matches: actualHash === t.final.stateHash && mismatches === 0, samplesCompared: n, sampleMismatches: mismatches };
}
