/**
 * Perturbation operators (spec A12.2-A12.4): each modality's transfer function turns an event into
 * world operations whose energy the world books in its ledger (external work): a language spring on
 * the self (channel 'language'), a field packet (channel 'field'; the field's own ledger books the
 * injected field energy of A12.3) and, for world events, an impulse (channel 'impulse').
 */
import type { World } from '../sim/index.js';
import { AXIS_COUNT } from './axes.js';
import type { InputEvent } from './events.js';

/** Gains and shapes of the transfer functions (the `Phi` gains and clipping of A4.6, the `psi_l` of A12.2). */
export interface InputParams {
  /** Per-axis gain of the language force target: target = p + gain * affect * confidence (clipped to +-1). */
  readonly languageGain: readonly number[];
  /** Spring stiffness K and duration of one message's pull [s]. */
  readonly languageStiffness: number;
  readonly languageDurationSec: number;
  /** Field (index into world params.fields) that receives packets; -1: none. */
  readonly fieldIndex: number;
  /** Text packet: mass = textMass * confidence, width sigma, centred at the scored affect (its semantic position). */
  readonly textMass: number;
  readonly textWidth: number;
  /** Audio packet: mass = audioMass * amplitude * sin(2 pi f t), the oscillation sampled at the event time. */
  readonly audioMass: number;
  readonly audioWidth: number;
  /** Image: a wide, high-entropy packet: mass = imageMass * entropy, width imageWidth. */
  readonly imageMass: number;
  readonly imageWidth: number;
  /** World event: impulse on the safety axis = worldImpulse * intensity. */
  readonly worldImpulse: number;
}

/** Mutable circuits (1-4) move readily; the inertial ones (5-8) get a tenth of the pull. */
export const DEFAULT_INPUT_PARAMS: InputParams = {
  languageGain: [0.6, 0.6, 0.6, 0.6, 0.06, 0.06, 0.06, 0.06],
  languageStiffness: 1,
  languageDurationSec: 2,
  fieldIndex: 0,
  textMass: 0.2,
  textWidth: 0.3,
  audioMass: 0.1,
  audioWidth: 0.5,
  imageMass: 0.3,
  imageWidth: 1,
  worldImpulse: 0.3,
};

/** What one event did, with the energies the world booked for it. */
export interface InputEffect {
  /** Field energy 1/2 int (delta phi)^2 injected by the packet (A12.3), 0 without a packet. */
  readonly fieldEnergy: number;
  readonly fieldMass: number;
  /** Kinetic energy injected by an impulse. */
  readonly impulseWork: number;
  /** The language-spring target set for the self, if any. */
  readonly languageTarget: readonly number[] | null;
}

/** Embeds an n-vector from the 8 circuit scores (extra axes 0, missing axes dropped). */
export function embed(affect: ArrayLike<number>, dims: number): number[] {
  // `+ 0` normalises -0 (which JSON snapshots cannot carry) to +0.
  return Array.from({ length: dims }, (_, k) => (k < AXIS_COUNT ? (affect[k] ?? 0) + 0 : 0));
}

const clip1 = (x: number): number => Math.max(-1, Math.min(1, x)) + 0;

/** Starts the language force on `selfId` for a scored text (zero affect or confidence: no force, A4.6.3). */
export function applyLanguageForce(world: World, selfId: number, affect: ArrayLike<number>, confidence: number, p: InputParams): number[] | null {
  if (confidence <= 0) return null;
  const here = world.agent(selfId).position;
  const a = embed(affect, world.dims);
  if (a.every((x) => x === 0)) return null;
  const target = here.map((x, k) => clip1(x + (p.languageGain[k] ?? 0) * (a[k] ?? 0) * confidence));
  world.setLanguageTarget(selfId, target, p.languageStiffness, p.languageDurationSec);
  return target;
}

function packet(world: World, p: InputParams, centre: number[], mass: number, width: number): { mass: number; energy: number } {
  if (p.fieldIndex < 0 || p.fieldIndex >= world.params.fields.length || mass === 0) return { mass: 0, energy: 0 };
  return world.addSource(p.fieldIndex, { centre, mass, width });
}

/**
 * Applies the transfer function of `event`'s modality to the self and the field. Text needs its score.
 * Order within the event follows A12.5 (language force, then packet); speaker placement is done by mind/.
 */
export function perturb(world: World, selfId: number, event: InputEvent, score: { affect: ArrayLike<number>; confidence: number } | null, p: InputParams = DEFAULT_INPUT_PARAMS): InputEffect {
  const n = world.dims;
  const none = { fieldEnergy: 0, fieldMass: 0, impulseWork: 0, languageTarget: null };
  switch (event.modality) {
    case 'text': {
      if (score === null) return none;
      const target = applyLanguageForce(world, selfId, score.affect, score.confidence, p);
      const injected = packet(world, p, embed(score.affect, n), p.textMass * score.confidence, p.textWidth);
      return { fieldEnergy: injected.energy, fieldMass: injected.mass, impulseWork: 0, languageTarget: target };
    }
    case 'audio': {
      const { amplitude, frequencyHz } = event.content;
      const centre = embed([], n);
      if (n > 4) centre[4] = -amplitude; // circuit 5 (body): rhythm agitates
      const mass = p.audioMass * amplitude * Math.sin(2 * Math.PI * frequencyHz * event.timestampSec);
      const injected = packet(world, p, centre, mass, p.audioWidth);
      return { ...none, fieldEnergy: injected.energy, fieldMass: injected.mass };
    }
    case 'image': {
      const injected = packet(world, p, world.agent(selfId).position, p.imageMass * event.content.entropy, p.imageWidth);
      return { ...none, fieldEnergy: injected.energy, fieldMass: injected.mass };
    }
    case 'world': {
      const j = embed([p.worldImpulse * event.content.intensity], n);
      if (event.content.intensity === 0) return none;
      return { ...none, impulseWork: world.applyImpulse(selfId, j).work };
    }
  }
}
