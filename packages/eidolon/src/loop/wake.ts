/**
 * Waking after downtime (spec B6): how long the agent was off (clock now minus the last heartbeat),
 * the tone of its reaction with explicit guardrails (no remark for short gaps, back off after
 * ignored remarks, escalate only after long gaps), and a self-monitoring note for review.
 */
import type { DowntimeParams, LoopState } from './loop-types.js';

export interface WakeDecision {
  readonly downtimeSec: number;
  readonly tone: 'none' | 'gentle' | 'pointed';
  /** Priority of the downtime thought (0 when tone is 'none'). */
  readonly priority: number;
  readonly ignored: number;
  readonly note: string;
}

/** Decides the reaction to a downtime; `state` is the persisted state loaded at start-up. */
export function decideWake(state: LoopState, nowMs: number, p: DowntimeParams): WakeDecision {
  const downtimeSec = Math.max(0, (nowMs - state.heartbeatMs) / 1000);
  const ignored = state.downtime.ignored + (state.downtime.awaitingReaction ? 1 : 0);
  let tone: WakeDecision['tone'] = 'gentle';
  let why = `off ${downtimeSec.toFixed(1)} s`;
  if (downtimeSec < p.minDowntimeSec) {
    tone = 'none';
    why += ` < ${p.minDowntimeSec} s: not worth remarking`;
  } else if (ignored >= p.backOffAfterIgnored) {
    tone = 'none';
    why += `; ${ignored} earlier remarks were ignored: backing off`;
  } else if (downtimeSec >= p.escalateAfterSec && ignored === 0) {
    tone = 'pointed';
    why += ` >= ${p.escalateAfterSec} s and earlier remarks were answered: may be pointed`;
  }
  const priority = tone === 'none' ? 0 : Math.min(1, 0.5 + 0.1 * Math.log10(1 + downtimeSec / 60));
  return { downtimeSec, tone, priority, ignored, note: `downtime reaction ${tone}: ${why}` };
}
