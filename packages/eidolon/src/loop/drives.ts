/**
 * Drives (spec B2): five scalars in [0, 1], nudged each tick by what was sensed, growing or decaying
 * with time, and satisfied by acting. Pure functions; rates are per simulated second.
 */

export interface Drives {
  /** Hunger for attention and input. */
  readonly hunger: number;
  readonly fatigue: number;
  readonly curiosity: number;
  readonly companionship: number;
  readonly purpose: number;
}

export const INITIAL_DRIVES: Drives = { hunger: 0.3, fatigue: 0.1, curiosity: 0.4, companionship: 0.3, purpose: 0.2 };

export interface DriveRates {
  /** Growth per second without input (hunger, curiosity as boredom, companionship as loneliness). */
  readonly hungerRate: number;
  readonly boredomRate: number;
  readonly lonelinessRate: number;
  /** Fatigue growth per awake second, recovery per asleep second, cost of one utterance. */
  readonly fatigueRate: number;
  readonly recoveryRate: number;
  readonly speakCost: number;
  /** Satisfaction per message heard (hunger, companionship) and per unit of novelty (curiosity). */
  readonly perMessage: number;
  readonly perNovelty: number;
  /** Purpose added by a question addressed to the agent, removed by answering; decay per second. */
  readonly perQuestion: number;
  readonly purposeDecay: number;
}

export const DEFAULT_DRIVE_RATES: DriveRates = {
  hungerRate: 0.004,
  boredomRate: 0.003,
  lonelinessRate: 0.003,
  fatigueRate: 0.0005,
  recoveryRate: 0.01,
  speakCost: 0.04,
  perMessage: 0.15,
  perNovelty: 0.3,
  perQuestion: 0.3,
  purposeDecay: 0.002,
};

/** What the drives see in one tick. */
export interface DriveInput {
  readonly dtSec: number;
  readonly messages: number;
  /** Sum of the novelty (plasticity score, >= 0) of the messages. */
  readonly novelty: number;
  readonly questionsToMe: number;
  readonly asleep: boolean;
}

const unit = (x: number): number => Math.max(0, Math.min(1, x));

export function updateDrives(d: Drives, s: DriveInput, r: DriveRates = DEFAULT_DRIVE_RATES): Drives {
  const quiet = s.messages === 0 ? s.dtSec : 0;
  return {
    hunger: unit(d.hunger + r.hungerRate * quiet - r.perMessage * s.messages),
    fatigue: unit(d.fatigue + (s.asleep ? -r.recoveryRate : r.fatigueRate) * s.dtSec),
    curiosity: unit(d.curiosity + r.boredomRate * (s.novelty > 0 ? 0 : s.dtSec) - r.perNovelty * s.novelty),
    companionship: unit(d.companionship + r.lonelinessRate * quiet - r.perMessage * s.messages),
    purpose: unit(d.purpose - r.purposeDecay * s.dtSec + r.perQuestion * s.questionsToMe),
  };
}

/** Speaking is an action that satisfies drives (B2): it costs fatigue; answering fulfils purpose; any utterance feeds hunger for attention. */
export function afterSpeaking(d: Drives, answered: boolean, r: DriveRates = DEFAULT_DRIVE_RATES): Drives {
  return {
    ...d,
    fatigue: unit(d.fatigue + r.speakCost),
    purpose: unit(d.purpose - (answered ? r.perQuestion : 0)),
    hunger: unit(d.hunger - 0.5 * r.perMessage),
  };
}
