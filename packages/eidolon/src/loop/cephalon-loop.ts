/**
 * The Cephalon life-cycle loop (spec B5): every tick sense -> update drives -> transition -> generate
 * thoughts -> filter (policy) -> act (events for the host) -> log (atomic persistence + heartbeat).
 * Deterministic given the seed, the scored events per tick and the injected clock.
 */
import { createWorld, restoreWorld } from '../sim/index.js';
import type { World } from '../sim/index.js';
import type { ScoredEvent } from '../input/scored-event.js';
import { OtherMinds } from '../mind/others.js';
import { DEFAULT_LOOP_PARAMS, LOOP_STATE_VERSION } from './defaults.js';
import { INITIAL_DRIVES, afterSpeaking, updateDrives } from './drives.js';
import { PersistenceError } from './errors.js';
import { candidates, toThoughts } from './generate.js';
import type { FieldReading } from './generate.js';
import type { LoopEvent, LoopParams, LoopState } from './loop-types.js';
import { EMPTY_SOCIAL, decideSpeech, updateSocial } from './policy.js';
import { EMPTY_REACTIONS, afterReactions, biasFor, situationKey } from './reactions.js';
import { sense } from './sense.js';
import type { Sensed } from './sense.js';
import { transition } from './states.js';
import { loadState, removeStaleTemps, saveState } from './store.js';
import { ThoughtQueue } from './thoughts.js';
import { decideWake } from './wake.js';

export interface LoopOptions {
  /** Seed of a new agent (a persisted agent keeps its own: identity survives restarts). */
  readonly seed: number;
  /** Injected clock [ms since the epoch]. */
  readonly clock: () => number;
  /** State file; omitted: nothing persists. */
  readonly storePath?: string;
  readonly params?: Partial<LoopParams>;
}

/** What the host knows about the moment of a tick besides the events. */
export interface TickContext {
  /** Someone is speaking now (speech started and has not ended): do not talk over them. */
  readonly speechInProgress?: boolean;
}

/** Seconds over which the recent-message count decays by 1/e. */
const RECENT_WINDOW_SEC = 600;
type Mutable = { -readonly [K in keyof LoopState]: LoopState[K] };

export class CephalonLoop {
  readonly params: LoopParams;
  private readonly world: World;
  private readonly minds: OtherMinds;
  private s: Mutable;
  private queue: ThoughtQueue;

  private constructor(private readonly o: LoopOptions, world: World, state: Mutable) {
    this.params = { ...DEFAULT_LOOP_PARAMS, ...o.params };
    this.world = world;
    this.s = state;
    this.minds = new OtherMinds(state.speakers);
    this.queue = new ThoughtQueue(state.queue);
  }

  /**
   * Opens the agent: loads its last committed state (or starts fresh), and on a restart emits
   * 'woke-after-downtime'. Commits once so the heartbeat is current.
   * @example const { loop, events } = CephalonLoop.open({ seed: 1, clock: Date.now, storePath: 'duck.json' });
   */
  static open(o: LoopOptions): { loop: CephalonLoop; events: LoopEvent[] } {
    const params = { ...DEFAULT_LOOP_PARAMS, ...o.params };
    if (o.storePath !== undefined) removeStaleTemps(o.storePath);
    const stored = o.storePath === undefined ? null : (loadState(o.storePath) as LoopState | null);
    if (stored === null) {
      const now = o.clock();
      const world = createWorld(params.world, o.seed);
      const loop = new CephalonLoop(o, world, freshState(o.seed, now, world));
      loop.commit(now);
      return { loop, events: [] };
    }
    const path = o.storePath as string;
    if (stored.version !== LOOP_STATE_VERSION) throw new PersistenceError(path, `state version ${String(stored.version)}, expected ${LOOP_STATE_VERSION}`);
    let world: World;
    try {
      world = restoreWorld(stored.world);
    } catch (cause) {
      throw new PersistenceError(path, 'the world snapshot does not restore', cause);
    }
    if (world.stateHash() !== stored.worldHash) throw new PersistenceError(path, 'the restored world does not match its recorded hash');
    const loop = new CephalonLoop(o, world, { ...stored });
    return { loop, events: loop.wake() };
  }

  get tickCount(): number {
    return this.s.tick;
  }

  worldHash(): string {
    return this.world.stateHash();
  }

  /** The full state as persisted. */
  state(): LoopState {
    return { ...this.s, queue: this.queue.items, speakers: this.minds.entries(), world: this.world.snapshot(), worldHash: this.world.stateHash() };
  }

  private wake(): LoopEvent[] {
    const now = this.o.clock();
    const w = decideWake(this.s, now, this.params.downtime);
    const tick = this.s.tick;
    this.s.downtime = { ...this.s.downtime, ignored: w.ignored, awaitingReaction: false };
    if (w.tone !== 'none') {
      const reading = this.reading();
      this.queue = this.queue.push(toThoughts([{ kind: 'downtime', topic: 'operator', priority: w.priority, note: w.note }], this.s.nextThoughtId++, now, reading)[0]!, this.params.queue);
    }
    const events: LoopEvent[] = [
      { kind: 'woke-after-downtime', tick, downtimeSec: w.downtimeSec, lastState: this.s.state.name, recentMessages: this.s.recentMessages, tone: w.tone },
      { kind: 'self-monitor', tick, note: w.note },
    ];
    this.commit(now);
    return events;
  }

  /**
   * Runs one tick with the events that arrived since the last one; returns what the host should do.
   * `context.speechInProgress`: someone is talking now (the host's VAD); a decision to speak is then held back
   * ('stay-silent', reason 'speech-in-progress', with its terms).
   */
  tick(inputs: readonly ScoredEvent[], context: TickContext = {}): LoopEvent[] {
    const p = this.params;
    const now = this.o.clock();
    const tick = this.s.tick + 1;
    const out: LoopEvent[] = [];
    const sensed = sense(this.world, this.minds, inputs, this.s.voice, p);
    const dt = p.tickSec / p.stepsPerTick;
    for (let i = 0; i < p.stepsPerTick; i++) this.world.step(dt);
    const othersSpoke = sensed.messages > 0;
    const lastOther = othersSpoke ? now : this.s.social.lastOtherSpeechMs;
    const present = now - lastOther < p.states.presenceSec * 1000 || sensed.voice.length > 0;
    const asleep = this.s.state.name === 'Asleep';
    this.s.drives = updateDrives(this.s.drives, { dtSec: p.tickSec, messages: sensed.messages, novelty: sensed.novelty, questionsToMe: sensed.addressedBy.length, asleep }, p.drives);
    if (othersSpoke && this.s.downtime.awaitingReaction) this.s.downtime = { ...this.s.downtime, awaitingReaction: false };
    this.queue = this.queue.age(p.tickSec, p.queue);
    this.setState(transition(this.s.state, { nowMs: now, drives: this.s.drives, heardMessages: sensed.messages, addressed: sensed.addressedBy.length > 0, queued: this.queue.items.length, othersPresent: present, unanswered: this.s.social.unanswered, sinceOwnSpeechSec: this.sinceOwnSpeechSec(now) }, p.states), tick, out);
    const reading = this.reading();
    for (const t of toThoughts(candidates(sensed, this.s.drives, reading, present, p), this.s.nextThoughtId, now, reading)) {
      this.queue = this.queue.push(t, p.queue);
      this.s.nextThoughtId++;
    }
    const situation = situationKey(this.s.state.name, this.s.drives);
    const spoke = this.act(tick, now, present, othersSpoke, situation, context.speechInProgress === true, out);
    const reactions = this.s.reactions ?? EMPTY_REACTIONS;
    const learnedNext = afterReactions(reactions, now, othersSpoke, spoke ? situation : null, p.reactions);
    if (learnedNext !== reactions) this.s.reactions = learnedNext;
    this.voice(tick, sensed, out);
    this.s.social = updateSocial(this.s.social, now, othersSpoke, spoke, p.policy);
    this.s.recentMessages = this.s.recentMessages * Math.exp(-p.tickSec / RECENT_WINDOW_SEC) + sensed.messages;
    this.s.tick = tick;
    if (tick % p.persistEveryTicks === 0) this.commit(now);
    return out;
  }

  /** Seconds since the last own utterance still in the rate window (Infinity when none). */
  private sinceOwnSpeechSec(now: number): number {
    const own = this.s.social.ownSpeechMs;
    const last = own[own.length - 1];
    return last === undefined ? Number.POSITIVE_INFINITY : (now - last) / 1000;
  }

  /** Filter and act (B5 steps 5-6): speak the top thought or hold it. Returns whether it spoke. */
  private act(tick: number, now: number, present: boolean, othersSpoke: boolean, situation: string, speechInProgress: boolean, out: LoopEvent[]): boolean {
    const social = othersSpoke ? { ...this.s.social, lastOtherSpeechMs: now, unanswered: 0 } : this.s.social;
    const top = this.queue.top();
    const d = decideSpeech({ nowMs: now, asleep: this.s.state.name === 'Asleep', top, pressure: this.queue.pressure(), drives: this.s.drives, othersPresent: present, social, learned: biasFor(this.s.reactions ?? EMPTY_REACTIONS, situation), speechInProgress }, this.params.policy);
    if (!d.speak) {
      if (top !== undefined) out.push({ kind: 'stay-silent', tick, thought: top, reason: d.reason, terms: d.terms });
      return false;
    }
    out.push({ kind: 'speak', tick, thought: d.thought, terms: d.terms });
    this.queue = this.queue.remove(d.thought.id);
    this.s.drives = afterSpeaking(this.s.drives, d.thought.kind === 'reply', this.params.drives);
    if (d.thought.kind === 'downtime') this.s.downtime = { ...this.s.downtime, remarks: this.s.downtime.remarks + 1, awaitingReaction: true };
    this.setState({ name: 'Engaging', sinceMs: now, interrupted: false, revisit: this.queue.items.length > 0 }, tick, out);
    return true;
  }

  /** Decides by itself to show up in (or leave) the voice room (B8.5). */
  private voice(tick: number, sensed: Sensed, out: LoopEvent[]): void {
    const p = this.params;
    const d = this.s.drives;
    this.s.voice = sensed.voice;
    if (!this.s.inVoice && sensed.voice.length > 0 && d.companionship >= p.joinAbove && d.fatigue < p.leaveFatigue && this.s.state.name !== 'Asleep') {
      this.s.inVoice = true;
      out.push({ kind: 'join-voice', tick, people: sensed.voice });
    } else if (this.s.inVoice && (sensed.voice.length === 0 || d.fatigue >= p.leaveFatigue)) {
      this.s.inVoice = false;
      out.push({ kind: 'leave-voice', tick, reason: sensed.voice.length === 0 ? 'room-empty' : 'tired' });
    }
  }

  private setState(next: LoopState['state'], tick: number, out: LoopEvent[]): void {
    if (next === this.s.state || next.name === this.s.state.name) return;
    out.push({ kind: 'state-change', tick, from: this.s.state.name, to: next.name, interrupted: next.interrupted });
    this.s.state = next;
  }

  private reading(): FieldReading {
    const self = this.world.agent(0);
    return { position: self.position, speed: Math.hypot(...self.velocity) };
  }

  /** Log step (B5.7) and heartbeat (B6.1): writes the whole state atomically. */
  private commit(nowMs: number): void {
    this.s.heartbeatMs = nowMs;
    if (this.o.storePath !== undefined) saveState(this.o.storePath, this.state());
  }
}

function freshState(seed: number, nowMs: number, world: World): Mutable {
  return {
    version: LOOP_STATE_VERSION, seed, tick: 0, heartbeatMs: nowMs, drives: INITIAL_DRIVES,
    state: { name: 'Idle', sinceMs: nowMs, interrupted: false, revisit: false }, queue: [], nextThoughtId: 1,
    social: EMPTY_SOCIAL, voice: [], inVoice: false, recentMessages: 0,
    downtime: { remarks: 0, ignored: 0, awaitingReaction: false }, speakers: [], world: world.snapshot(), worldHash: world.stateHash(),
  };
}
