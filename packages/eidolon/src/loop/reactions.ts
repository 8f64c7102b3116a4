/**
 * Learning from reactions (spec B8): after the agent speaks, a reply from someone within
 * `replyWindowSec` raises its urge to speak in similar situations; silence for the whole window
 * lowers it. A situation is the agent's state and its strongest drive ("Listening|curiosity").
 * The learned bias b in [-maxBias, maxBias] is added to the speaking score (policy.ts):
 *   reply:   b <- b + rate (maxBias - b)        ignored: b <- b - rate (maxBias + b)
 * (exponential moving targets, so b stays bounded and recent reactions weigh most). rate = 0
 * (the default) turns learning off; pure functions, so the loop stays deterministic.
 */
import type { Drives } from './drives.js';
import type { AgentState } from './states.js';

export interface ReactionParams {
  /** Learning rate in [0, 1]; 0 disables learning. */
  readonly rate: number;
  readonly maxBias: number;
  /** A message from someone else within this many seconds of an utterance counts as a reply [s]. */
  readonly replyWindowSec: number;
}

export const DEFAULT_REACTIONS: ReactionParams = { rate: 0, maxBias: 0.3, replyWindowSec: 30 };

export interface ReactionMemory {
  /** Learned bias per situation key, sorted by key (stable JSON for persistence and hashing). */
  readonly bias: readonly (readonly [string, number])[];
  /** The last utterance still waiting for a reaction. */
  readonly pending: { readonly key: string; readonly sinceMs: number } | null;
}

export const EMPTY_REACTIONS: ReactionMemory = { bias: [], pending: null };

const DRIVE_NAMES = ['hunger', 'fatigue', 'curiosity', 'companionship', 'purpose'] as const;

/** The situation an utterance was made in: state and strongest drive (first in DRIVE_NAMES on ties). */
export function situationKey(state: AgentState, drives: Drives): string {
  let best: (typeof DRIVE_NAMES)[number] = DRIVE_NAMES[0];
  for (const d of DRIVE_NAMES) if (drives[d] > drives[best]) best = d;
  return `${state}|${best}`;
}

export function biasFor(m: ReactionMemory, key: string): number {
  return m.bias.find(([k]) => k === key)?.[1] ?? 0;
}

function withBias(m: ReactionMemory, key: string, b: number): readonly (readonly [string, number])[] {
  const rest = m.bias.filter(([k]) => k !== key);
  return [...rest, [key, b] as const].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/**
 * The memory after a tick: first resolves the pending utterance (a reply heard this tick, or the
 * window ran out), then, if the agent spoke this tick, waits for reactions to it.
 * @example memory = afterReactions(memory, now, othersSpoke, spoke ? situationKey(state, drives) : null, params)
 */
export function afterReactions(m: ReactionMemory, nowMs: number, othersSpoke: boolean, spokeIn: string | null, p: ReactionParams = DEFAULT_REACTIONS): ReactionMemory {
  let bias = m.bias;
  let pending = m.pending;
  if (pending !== null && p.rate > 0) {
    const b = biasFor(m, pending.key);
    if (othersSpoke && nowMs - pending.sinceMs <= p.replyWindowSec * 1000) {
      bias = withBias(m, pending.key, b + p.rate * (p.maxBias - b));
      pending = null;
    } else if (nowMs - pending.sinceMs > p.replyWindowSec * 1000) {
      bias = withBias(m, pending.key, b - p.rate * (p.maxBias + b));
      pending = null;
    }
  }
  if (spokeIn !== null && p.rate > 0) pending = { key: spokeIn, sinceMs: nowMs };
  return bias === m.bias && pending === m.pending ? m : { bias, pending };
}
