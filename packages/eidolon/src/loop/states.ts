/**
 * States (spec B3) and their transitions: a pure function of the current state, drives and what was
 * sensed, with metadata (time in state, interrupted). Core states and conversation states share one
 * union; the transitions below use Asleep, Idle, Drifting, Seeking, WithYou, Listening, Thinking,
 * Waiting and Engaging; with `extended` rules (off by default) also Focused, Reflecting, Distracted and
 * SelfReflecting (see extendedBefore / extendedAfter).
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
  /** Rules for Focused, Reflecting, Distracted and SelfReflecting; absent (default): not used. */
  readonly extended?: ExtendedStateRules;
}

/** Derived rules for the B3 states the core rules do not reach (thresholds in drive units and seconds). */
export interface ExtendedStateRules {
  /** Purpose at or above this, with nothing heard and nobody present: Focused (on its own task). */
  readonly focusAbove: number;
  /** Focused holds while purpose >= focusAbove - focusHysteresis. */
  readonly focusHysteresis: number;
  /** Reflecting (after a conversation ended) and SelfReflecting (after being ignored) last this long [s]. */
  readonly reflectForSec: number;
  /** Unanswered own utterances that, ignoredAfterSec after the last one, start SelfReflecting. */
  readonly selfReflectAfterIgnored: number;
  /** An utterance nobody answered for this long counts as ignored [s]. */
  readonly ignoredAfterSec: number;
}

export const DEFAULT_EXTENDED_RULES: ExtendedStateRules = { focusAbove: 0.6, focusHysteresis: 0.2, reflectForSec: 30, selfReflectAfterIgnored: 1, ignoredAfterSec: 20 };

export const DEFAULT_STATE_THRESHOLDS: StateThresholds = { sleepAbove: 0.9, wakeBelow: 0.3, seekAbove: 0.7, driftAfterSec: 120, presenceSec: 60 };

export interface StateContext {
  readonly nowMs: number;
  readonly drives: Drives;
  readonly heardMessages: number;
  readonly addressed: boolean;
  readonly queued: number;
  readonly othersPresent: boolean;
  /** Own utterances since someone else last spoke (used by the extended rules; default 0). */
  readonly unanswered?: number;
  /** Seconds since the agent last spoke (extended rules; default: never spoke). */
  readonly sinceOwnSpeechSec?: number;
}

type Next = { name: AgentState; interrupted: boolean } | null;

/** Extended rules that see messages first: talk not addressed to a Focused agent distracts it. */
function extendedBefore(s: StateInfo, c: StateContext): Next {
  if (c.heardMessages > 0 && !c.addressed && (s.name === 'Focused' || s.name === 'Distracted')) return { name: 'Distracted', interrupted: s.name === 'Focused' };
  return null;
}

/** Extended rules for quiet ticks (nothing heard). */
function extendedAfter(s: StateInfo, c: StateContext, e: ExtendedStateRules): Next {
  if (c.heardMessages > 0) return null;
  const inState = (c.nowMs - s.sinceMs) / 1000;
  const purpose = c.drives.purpose;
  if (s.name === 'Distracted' || s.name === 'Focused') {
    if (purpose >= e.focusAbove - e.focusHysteresis && !c.othersPresent) return { name: 'Focused', interrupted: false };
  }
  // Ignored: from ignoredAfterSec after its last utterance, for reflectForSec, it goes over the conversation.
  const since = c.sinceOwnSpeechSec ?? Number.POSITIVE_INFINITY;
  if ((c.unanswered ?? 0) >= e.selfReflectAfterIgnored && since >= e.ignoredAfterSec && since < e.ignoredAfterSec + e.reflectForSec) {
    return { name: 'SelfReflecting', interrupted: false };
  }
  if (s.name === 'WithYou' && !c.othersPresent) return { name: 'Reflecting', interrupted: false };
  if (s.name === 'Reflecting' && inState < e.reflectForSec) return { name: 'Reflecting', interrupted: false };
  if ((s.name === 'Idle' || s.name === 'Drifting') && purpose >= e.focusAbove && !c.othersPresent) return { name: 'Focused', interrupted: false };
  return null;
}

function next(s: StateInfo, c: StateContext, t: StateThresholds): { name: AgentState; interrupted: boolean } {
  const d = c.drives;
  if (s.name === 'Asleep') {
    if (c.addressed) return { name: 'Listening', interrupted: true };
    return { name: d.fatigue <= t.wakeBelow ? 'Idle' : 'Asleep', interrupted: false };
  }
  if (d.fatigue >= t.sleepAbove) return { name: 'Asleep', interrupted: false };
  const e = t.extended;
  const before = e === undefined ? null : extendedBefore(s, c);
  if (before !== null) return before;
  if (c.heardMessages > 0) return { name: 'Listening', interrupted: s.name === 'Engaging' || s.name === 'Drifting' };
  if (s.name === 'Listening') return { name: 'Thinking', interrupted: false };
  const after = e === undefined ? null : extendedAfter(s, c, e);
  if (after !== null) return after;
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
