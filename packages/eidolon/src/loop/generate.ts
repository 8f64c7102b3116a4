/**
 * Tick step 4 (generate thoughts): candidates from what was sensed, the drives and the field
 * (the self's position and speed). The loop does not write words: a thought carries its kind,
 * topic, priority and the field projection a narrator (the language model) will turn into speech.
 */
import type { Drives } from './drives.js';
import type { LoopParams } from './loop-types.js';
import type { Sensed } from './sense.js';
import type { Thought, ThoughtKind } from './thoughts.js';

export interface FieldReading {
  readonly position: readonly number[];
  /** |v| of the self [position/s]. */
  readonly speed: number;
}

export interface Candidate {
  readonly kind: ThoughtKind;
  readonly topic: string;
  readonly priority: number;
  readonly note: string;
}

export function candidates(s: Sensed, d: Drives, f: FieldReading, othersPresent: boolean, p: LoopParams): Candidate[] {
  const out: Candidate[] = [];
  for (const who of s.addressedBy) out.push({ kind: 'reply', topic: who, priority: 0.6 + 0.4 * d.purpose, note: `${who} addressed me` });
  const safety = f.position[0] ?? 0;
  if (safety < p.threatBelow || s.threat < p.threatBelow) {
    out.push({ kind: 'defend', topic: 'self', priority: Math.min(1, Math.max(-safety, -s.threat)), note: `safety ${safety.toFixed(2)}, worst heard ${s.threat.toFixed(2)}` });
  }
  if (f.speed > p.shiftSpeed) out.push({ kind: 'remark-on-shift', topic: 'self', priority: Math.min(1, f.speed), note: `moving at ${f.speed.toFixed(2)}` });
  if (othersPresent && d.companionship > p.states.seekAbove) out.push({ kind: 'bond', topic: 'others', priority: 0.6 * d.companionship, note: 'lonely while people are here' });
  if (d.curiosity > p.states.seekAbove) out.push({ kind: 'ask', topic: 'world', priority: 0.5 * d.curiosity, note: 'curious' });
  return out;
}

/** Turns candidates into thoughts with ids from `nextId`. */
export function toThoughts(cs: readonly Candidate[], nextId: number, nowMs: number, f: FieldReading): Thought[] {
  const position = f.position.map((x) => Math.round(x * 1000) / 1000);
  return cs.map((c, i) => ({ id: nextId + i, kind: c.kind, topic: c.topic, priority: c.priority, createdMs: nowMs, position, note: c.note }));
}
