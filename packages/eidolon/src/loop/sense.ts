/**
 * Tick step 1 (sense): applies the tick's scored events to the world (input interface + placement of
 * the speakers) and summarises what the drives, states and thoughts need.
 */
import type { World } from '../sim/index.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { applyScoredEvent } from '../mind/apply-event.js';
import type { OtherMinds } from '../mind/others.js';
import type { LoopParams } from './loop-types.js';

/** Index of the plasticity axis (novelty) and the safety axis in a score. */
const PLASTICITY = 5;
const SAFETY = 0;

export interface Sensed {
  readonly messages: number;
  readonly novelty: number;
  /** Speakers who addressed the agent (by name, or a second-person question), in order. */
  readonly addressedBy: readonly string[];
  /** Most negative safety score heard this tick (0 if none). */
  readonly threat: number;
  readonly voice: readonly string[];
  readonly speakers: readonly string[];
}

function addresses(text: string, name: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes(name.toLowerCase()) || (lower.includes('?') && /\byou\b/.test(lower));
}

export function sense(world: World, minds: OtherMinds, events: readonly ScoredEvent[], voice: readonly string[], p: LoopParams): Sensed {
  let messages = 0;
  let novelty = 0;
  let threat = 0;
  const addressedBy: string[] = [];
  const speakers: string[] = [];
  const room = new Set(voice);
  for (const scored of events) {
    applyScoredEvent(world, minds, scored, { selfId: 0, input: p.input, placement: p.placement });
    const e = scored.event;
    if (e.modality === 'text') {
      messages++;
      speakers.push(e.speaker);
      const affect = scored.score?.affect ?? [];
      novelty += Math.max(0, affect[PLASTICITY] ?? 0);
      threat = Math.min(threat, affect[SAFETY] ?? 0);
      if (addresses(e.content, p.agentName)) addressedBy.push(e.speaker);
    } else if (e.modality === 'world' && e.content.kind === 'voice-join') {
      room.add(e.speaker);
    } else if (e.modality === 'world' && e.content.kind === 'voice-leave') {
      room.delete(e.speaker);
    }
  }
  return { messages, novelty, addressedBy, threat, voice: [...room].sort(), speakers };
}
