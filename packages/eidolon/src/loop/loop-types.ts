/** Parameters, persisted state and output events of the Cephalon loop. */
import type { ReactionMemory, ReactionParams } from './reactions.js';
import type { WorldParamsInput } from '../state/index.js';
import type { WorldSnapshot } from '../sim/index.js';
import type { InputParams } from '../input/perturb.js';
import type { PlacementParams } from '../mind/others.js';
import type { DriveRates, Drives } from './drives.js';
import type { PolicyParams, SocialMemory, SpeechTerms } from './policy.js';
import type { StateInfo, StateThresholds } from './states.js';
import type { QueueParams, Thought } from './thoughts.js';

/** Downtime awareness (spec B6) and its guardrails. */
export interface DowntimeParams {
  /** Shorter absences are not remarked on [s]. */
  readonly minDowntimeSec: number;
  /** From this long on the remark may be pointed (escalate) [s]. */
  readonly escalateAfterSec: number;
  /** After this many downtime remarks nobody answered, stop remarking (back off). */
  readonly backOffAfterIgnored: number;
}

export interface LoopParams {
  /** Simulated seconds per tick and physics steps per tick (dt = tickSec / stepsPerTick). */
  readonly tickSec: number;
  readonly stepsPerTick: number;
  /** Persist (and heartbeat) every N ticks. */
  readonly persistEveryTicks: number;
  /** Name the agent answers to (a message containing it addresses the agent). */
  readonly agentName: string;
  /** Speed of the self [position/s] above which a field shift becomes a thought. */
  readonly shiftSpeed: number;
  /** Safety coordinate below which the agent feels threatened (a 'defend' thought). */
  readonly threatBelow: number;
  /** Voice: join when companionship >= joinAbove and fatigue < leaveFatigue; leave at leaveFatigue or an empty room. */
  readonly joinAbove: number;
  readonly leaveFatigue: number;
  readonly world: WorldParamsInput;
  readonly input: InputParams;
  readonly placement: PlacementParams;
  readonly drives: DriveRates;
  readonly states: StateThresholds;
  readonly queue: QueueParams;
  readonly policy: PolicyParams;
  /** Learning from reactions (B8); rate 0 (default) disables it. */
  readonly reactions: ReactionParams;
  readonly downtime: DowntimeParams;
}

/** Everything the loop persists each commit (spec B7). */
export interface LoopState {
  readonly version: number;
  readonly seed: number;
  readonly tick: number;
  /** Clock time of the last commit: the heartbeat [ms]. */
  readonly heartbeatMs: number;
  readonly drives: Drives;
  readonly state: StateInfo;
  readonly queue: readonly Thought[];
  readonly nextThoughtId: number;
  readonly social: SocialMemory;
  /** Biases learned from reactions (B8); absent in states saved before it existed. */
  readonly reactions?: ReactionMemory;
  /** People in the voice room, and whether the agent is in it. */
  readonly voice: readonly string[];
  readonly inVoice: boolean;
  /** Exponentially decayed count of messages heard (recent interaction, for the downtime prompt). */
  readonly recentMessages: number;
  readonly downtime: { readonly remarks: number; readonly ignored: number; readonly awaitingReaction: boolean };
  readonly speakers: readonly (readonly [string, number])[];
  readonly world: WorldSnapshot;
  readonly worldHash: string;
}

/** What the loop tells its host; the host acts on them (no Discord code here). */
export type LoopEvent =
  | { readonly kind: 'speak'; readonly tick: number; readonly thought: Thought; readonly terms: SpeechTerms }
  | { readonly kind: 'stay-silent'; readonly tick: number; readonly thought: Thought; readonly reason: string; readonly terms: SpeechTerms | null }
  | { readonly kind: 'join-voice'; readonly tick: number; readonly people: readonly string[] }
  | { readonly kind: 'leave-voice'; readonly tick: number; readonly reason: 'room-empty' | 'tired' }
  | { readonly kind: 'state-change'; readonly tick: number; readonly from: string; readonly to: string; readonly interrupted: boolean }
  | {
      readonly kind: 'woke-after-downtime';
      readonly tick: number;
      readonly downtimeSec: number;
      readonly lastState: string;
      readonly recentMessages: number;
      /** 'none' (too short or backed off), 'gentle', or 'pointed' (escalated). */
      readonly tone: 'none' | 'gentle' | 'pointed';
    }
  | { readonly kind: 'self-monitor'; readonly tick: number; readonly note: string };
