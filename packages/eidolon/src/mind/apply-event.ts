/**
 * One input event applied in the order of spec A12.5: the author is placed (text), then the self
 * receives the language force and the field the perturbation packet (input/perturb.ts).
 */
import type { World } from '../sim/index.js';
import { ANONYMOUS } from '../input/events.js';
import { DEFAULT_INPUT_PARAMS, perturb } from '../input/perturb.js';
import type { InputEffect, InputParams } from '../input/perturb.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { DEFAULT_PLACEMENT } from './others.js';
import { circuitInputsFromAffect } from '../circuits/circuits.js';
import type { OtherMinds, PlacementParams } from './others.js';

export interface ApplyOptions {
  readonly selfId: number;
  readonly input?: InputParams;
  readonly placement?: PlacementParams;
  /** Place anonymous speakers too (default false: only named speakers become agents). */
  readonly placeAnonymous?: boolean;
}

/** What applying an event did: its perturbation and the speaker's agent id (null when not placed). */
export interface AppliedEvent extends InputEffect {
  readonly speakerId: number | null;
}

export function applyScoredEvent(world: World, minds: OtherMinds, scored: ScoredEvent, o: ApplyOptions): AppliedEvent {
  const { event, score } = scored;
  let speakerId: number | null = null;
  if (event.modality === 'text' && score !== null && (event.speaker !== ANONYMOUS || o.placeAnonymous === true)) {
    speakerId = minds.place(world, event.speaker, score.affect, score.confidence, o.placement ?? DEFAULT_PLACEMENT);
  }
  const effect = perturb(world, o.selfId, event, score, o.input ?? DEFAULT_INPUT_PARAMS);
  // Drive-level model: the push also becomes the inputs of the self's circuit ODEs (spec A2.4).
  const c = world.params.circuits;
  if (c.model === 'drive-level' && score !== null) world.setCircuitInput(o.selfId, circuitInputsFromAffect(score.affect, c.eventGain * score.confidence), c.eventHoldSec);
  return { ...effect, speakerId };
}
