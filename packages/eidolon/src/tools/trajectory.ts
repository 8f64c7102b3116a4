/**
 * Trajectory files (JSONL): a header with everything a replay needs (seed, resolved world parameters,
 * run config, the scored events), then one 'sample' line per recorded step, then a 'final' line
 * with the step count and state hash.
 */
import { encodeJson } from '../sim/snapshot.js';
import type { JsonValue } from '../sim/index.js';
import type { InputParams } from '../input/perturb.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { toInputEvent } from '../input/events.js';
import type { PlacementParams } from '../mind/others.js';
import { TrajectoryError } from './errors.js';
import type { TrajectorySample } from './run-log.js';

export const TRAJECTORY_VERSION = 1;

export interface TrajectoryHeader {
  readonly kind: 'header';
  readonly version: number;
  readonly seed: number;
  readonly dtSec: number;
  readonly steps: number;
  readonly recordEvery: number;
  /** Resolved world parameters, non-finite numbers as strings (see sim/snapshot.ts). */
  readonly world: JsonValue;
  readonly input: InputParams;
  readonly placement: PlacementParams;
  readonly events: readonly ScoredEvent[];
}

export interface TrajectoryFinal {
  readonly kind: 'final';
  readonly step: number;
  readonly stateHash: string;
  readonly agentCount: number;
  readonly speakers: readonly (readonly [string, number])[];
  readonly inputFieldEnergy: number;
  /** Entropy of the input stream [bits]; absent in files written before it existed. */
  readonly inputEntropyBits?: number;
}

export interface Trajectory {
  readonly header: TrajectoryHeader;
  readonly samples: readonly TrajectorySample[];
  readonly final: TrajectoryFinal;
}

/** Encodes a header (world params through encodeJson so Infinity survives JSON). */
export function headerLine(h: Omit<TrajectoryHeader, 'kind' | 'version' | 'world'> & { world: unknown }): string {
  return JSON.stringify({ kind: 'header', version: TRAJECTORY_VERSION, ...h, world: encodeJson(h.world) });
}

export function sampleLine(s: TrajectorySample): string {
  return JSON.stringify({ kind: 'sample', ...s });
}

export function finalLine(f: Omit<TrajectoryFinal, 'kind'>): string {
  return JSON.stringify({ kind: 'final', ...f });
}

function parseLine(line: string, i: number): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(line);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new TrajectoryError(`line ${i + 1} is not a JSON object`);
}

/** Parses and checks a trajectory file's text. */
export function parseTrajectory(text: string): Trajectory {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const rows = lines.map(parseLine);
  const header = rows[0];
  const final = rows[rows.length - 1];
  if (header?.['kind'] !== 'header') throw new TrajectoryError('the first line is not a header');
  if (header['version'] !== TRAJECTORY_VERSION) throw new TrajectoryError(`version ${String(header['version'])}, expected ${TRAJECTORY_VERSION}`);
  if (final?.['kind'] !== 'final') throw new TrajectoryError('the last line is not a final record (was the run interrupted?)');
  if (typeof header['seed'] !== 'number' || typeof header['dtSec'] !== 'number' || typeof header['steps'] !== 'number' || !Array.isArray(header['events'])) {
    throw new TrajectoryError('the header lacks seed, dtSec, steps or events');
  }
  (header['events'] as unknown[]).forEach((e, i) => toInputEvent(toRawEvent(e), `header event ${i}`));
  const samples = rows.slice(1, -1).map((r, i) => {
    if (r['kind'] !== 'sample' || !Array.isArray(r['positions'])) throw new TrajectoryError(`line ${i + 2} is not a sample`);
    return r as unknown as TrajectorySample;
  });
  return { header: header as unknown as TrajectoryHeader, samples, final: final as unknown as TrajectoryFinal };
}

/** A recorded ScoredEvent's event in the JSONL input shape (for validation). */
function toRawEvent(e: unknown): unknown {
  const ev = (e as { event?: { timestampSec?: unknown; modality?: unknown; content?: unknown; speaker?: unknown } } | null)?.event;
  if (ev === undefined) throw new TrajectoryError('a recorded event has no "event" field');
  return { timestamp: ev.timestampSec, modality: ev.modality, content: ev.content, speaker: ev.speaker };
}
