/**
 * States (spec B3) and their transitions: a pure function of the current state, drives and what was
 * sensed, with metadata (time in state, interrupted). Core states and conversation states share one
 * union; the transitions below use Asleep, Idle, Drifting, Seeking, WithYou, Listening, Thinking,
 * Waiting and Engaging (Focused, Reflecting, Distracted and SelfReflecting exist for hosts and later rules).
 */
import type { Drives } from './drives.js';

export const AGENT_STATES = [
  'Idle', 'Focused', 'Reflecting', 'Drifting', 'Seeking', 'WithYou', 'Asleep',
  'Listening', 'Thinking', 'Waiting', 'Distracted', 'SelfReflecting', 'Engaging',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export interface StateInfo {
  readonly name: AgentState;
  /** Clock time the state was entered [ms]. */
  readonly sinceMs: number;
  /** True when the previous state was left early by an external event (e.g. woken by a message). */
  readonly interrupted: boolean;
  /** True when thoughts were still queued when the state was entered (a thought needs revisiting). */
  readonly revisit: boolean;
}

export interface StateThresholds {
  readonly sleepAbove: number;
  readonly wakeBelow: number;
  readonly seekAbove: number;
  /** Idle longer than this becomes Drifting [s]. */
  readonly driftAfterSec: number;
  /** Someone spoke within this many seconds: they are present [s]. */
  readonly presenceSec: number;
}

export const DEFAULT_STATE_THRESHOLDS: StateThresholds = { sleepAbove: 0.9, wakeBelow: 0.3, seekAbove: 0.7, driftAfterSec: 120, presenceSec: 60 };

export interface StateContext {
  readonly nowMs: number;
  readonly drives: Drives;
  readonly heardMessages: number;
  readonly addressed: boolean;
  readonly queued: number;
  readonly othersPresent: boolean;
}

function next(s: StateInfo, c: StateContext, t: StateThresholds): { name: AgentState; interrupted: boolean } {
  const d = c.drives;
  if (s.name === 'Asleep') {
    if (c.addressed) return { name: 'Listening', interrupted: true };
    return { name: d.fatigue <= t.wakeBelow ? 'Idle' : 'Asleep', interrupted: false };
  }
  if (d.fatigue >= t.sleepAbove) return { name: 'Asleep', interrupted: false };
  if (c.heardMessages > 0) return { name: 'Listening', interrupted: s.name === 'Engaging' || s.name === 'Drifting' };
  if (s.name === 'Listening') return { name: 'Thinking', interrupted: false };
  if (c.queued > 0 && (s.name === 'Thinking' || s.name === 'Engaging' || s.name === 'Waiting')) return { name: 'Waiting', interrupted: false };
  if (c.othersPresent) return { name: 'WithYou', interrupted: false };
  if (Math.max(d.curiosity, d.companionship, d.hunger) >= t.seekAbove) return { name: 'Seeking', interrupted: false };
  if (s.name === 'Idle' && c.nowMs - s.sinceMs >= t.driftAfterSec * 1000) return { name: 'Drifting', interrupted: false };
  return { name: s.name === 'Drifting' ? 'Drifting' : 'Idle', interrupted: false };
}

/** The state after this tick's sensing (the same object when nothing changed). */
export function transition(s: StateInfo, c: StateContext, t: StateThresholds = DEFAULT_STATE_THRESHOLDS): StateInfo {
  const n = next(s, c, t);
  if (n.name === s.name) return s;
  return { name: n.name, sinceMs: c.nowMs, interrupted: n.interrupted, revisit: c.queued > 0 };
}
