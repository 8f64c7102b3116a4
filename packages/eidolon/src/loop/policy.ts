/**
 * The speaking policy (spec B4, B8) with guardrails. Guardrails are hard and checked first (asleep,
 * no talking over others, cooldown, rate limit, back-off when ignored); then the derived rule
 *   speak  iff  max(u, r * present, c * o, q) - (h_social + h_fatigue + h_doubt) + b > theta
 * with b the bias learned from reactions in similar situations (reactions.ts; 0 when learning is off).
 * Every term is returned so the host can log it for tuning.
 */
import type { Drives } from './drives.js';
import type { Thought } from './thoughts.js';

export interface PolicyParams {
  readonly threshold: number;
  readonly socialInhibition: number;
  /** Extra social inhibition per own utterance nobody answered. */
  readonly ignoredInhibition: number;
  readonly fatigueWeight: number;
  readonly doubt: number;
  /** Others spoke within this many seconds: do not talk over them [s]. */
  readonly othersQuietSec: number;
  /** Minimum gap between own utterances [s]. */
  readonly cooldownSec: number;
  /** At most maxPerWindow utterances in any windowSec. */
  readonly maxPerWindow: number;
  readonly windowSec: number;
  /** Stop speaking (back off) after this many unanswered utterances in a row. */
  readonly maxUnanswered: number;
}

export const DEFAULT_POLICY: PolicyParams = {
  threshold: 0.2,
  socialInhibition: 0.1,
  ignoredInhibition: 0.15,
  fatigueWeight: 0.3,
  doubt: 0.15,
  othersQuietSec: 2,
  cooldownSec: 10,
  maxPerWindow: 4,
  windowSec: 120,
  maxUnanswered: 3,
};

/** Who spoke when (clock ms), as the policy needs it. */
export interface SocialMemory {
  readonly lastOtherSpeechMs: number;
  /** Own utterance times within the rate window, oldest first. */
  readonly ownSpeechMs: readonly number[];
  /** Own utterances since someone else last spoke. */
  readonly unanswered: number;
}

export const EMPTY_SOCIAL: SocialMemory = { lastOtherSpeechMs: Number.NEGATIVE_INFINITY, ownSpeechMs: [], unanswered: 0 };

export type Guardrail = 'asleep' | 'nothing-to-say' | 'talking-over' | 'cooldown' | 'rate-limit' | 'ignored-backoff';

export interface SpeechTerms {
  readonly u: number;
  readonly r: number;
  readonly present: number;
  readonly c: number;
  readonly o: number;
  readonly q: number;
  readonly trigger: number;
  readonly hSocial: number;
  readonly hFatigue: number;
  readonly hDoubt: number;
  /** Bias learned from reactions (B8); 0 when learning is off. */
  readonly learned: number;
  readonly score: number;
  readonly threshold: number;
}

export type SpeechDecision =
  | { readonly speak: true; readonly thought: Thought; readonly terms: SpeechTerms }
  | { readonly speak: false; readonly reason: Guardrail | 'inhibited' | 'speech-in-progress'; readonly terms: SpeechTerms | null };

export interface PolicyContext {
  readonly nowMs: number;
  readonly asleep: boolean;
  readonly top: Thought | undefined;
  readonly pressure: number;
  readonly drives: Drives;
  readonly othersPresent: boolean;
  readonly social: SocialMemory;
  /** Learned bias for the current situation (reactions.ts); default 0. */
  readonly learned?: number;
  /**
   * Someone is speaking right now (a host's voice activity detector saw speech start and not yet end): a decision to
   * speak is held back as 'speech-in-progress', with its terms, so the host never talks over an utterance in progress.
   */
  readonly speechInProgress?: boolean;
}

const URGENT: ReadonlySet<string> = new Set(['reply', 'defend', 'downtime']);

function guardrail(c: PolicyContext, p: PolicyParams): Guardrail | null {
  if (c.asleep) return 'asleep';
  if (c.top === undefined) return 'nothing-to-say';
  if (c.nowMs - c.social.lastOtherSpeechMs < p.othersQuietSec * 1000) return 'talking-over';
  const last = c.social.ownSpeechMs[c.social.ownSpeechMs.length - 1];
  if (last !== undefined && c.nowMs - last < p.cooldownSec * 1000) return 'cooldown';
  if (c.social.ownSpeechMs.filter((t) => c.nowMs - t < p.windowSec * 1000).length >= p.maxPerWindow) return 'rate-limit';
  if (c.social.unanswered >= p.maxUnanswered) return 'ignored-backoff';
  return null;
}

/** Decides whether the top queued thought is said now. */
export function decideSpeech(c: PolicyContext, p: PolicyParams = DEFAULT_POLICY): SpeechDecision {
  const blocked = guardrail(c, p);
  if (blocked !== null) return { speak: false, reason: blocked, terms: null };
  const top = c.top as Thought;
  const present = c.othersPresent ? 1 : 0;
  const u = URGENT.has(top.kind) ? top.priority : 0;
  const r = top.kind === 'remark-on-shift' ? top.priority : 0;
  const o = present;
  const cc = c.drives.companionship;
  const q = c.pressure;
  const trigger = Math.max(u, r * present, cc * o, q);
  const hSocial = p.socialInhibition + p.ignoredInhibition * c.social.unanswered;
  const hFatigue = p.fatigueWeight * c.drives.fatigue;
  const hDoubt = p.doubt * (1 - top.priority);
  const learned = c.learned ?? 0;
  const score = trigger - (hSocial + hFatigue + hDoubt) + learned;
  const terms: SpeechTerms = { u, r, present, c: cc, o, q, trigger, hSocial, hFatigue, hDoubt, learned, score, threshold: p.threshold };
  if (!(score > p.threshold)) return { speak: false, reason: 'inhibited', terms };
  return c.speechInProgress === true ? { speak: false, reason: 'speech-in-progress', terms } : { speak: true, thought: top, terms };
}

/** Social memory after this tick: others spoke (resets the unanswered count) and/or the agent spoke. */
export function updateSocial(s: SocialMemory, nowMs: number, othersSpoke: boolean, spoke: boolean, p: PolicyParams = DEFAULT_POLICY): SocialMemory {
  const recent = s.ownSpeechMs.filter((t) => nowMs - t < p.windowSec * 1000);
  return {
    lastOtherSpeechMs: othersSpoke ? nowMs : s.lastOtherSpeechMs,
    ownSpeechMs: spoke ? [...recent, nowMs] : recent,
    unanswered: othersSpoke ? (spoke ? 1 : 0) : s.unanswered + (spoke ? 1 : 0),
  };
}
