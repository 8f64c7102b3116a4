import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CephalonLoop, DEFAULT_POLICY, EMPTY_SOCIAL, INITIAL_DRIVES, decideSpeech, scoreLexicon, updateSocial } from '../src/index.js';
import type { LoopEvent, ScoredEvent, Thought } from '../src/index.js';

const TICK_MS = 1000;

function say(text: string, speaker: string, t: number): ScoredEvent {
  const s = scoreLexicon(text);
  return { event: { timestampSec: t, modality: 'text', content: text, speaker }, score: { affect: Array.from(s.affect), confidence: s.confidence, source: s.source } };
}

/** A scripted hour-long afternoon: someone joins voice, talks to duck, leaves. */
function script(tick: number): ScoredEvent[] {
  if (tick === 5) return [{ event: { timestampSec: tick, modality: 'world', content: { kind: 'voice-join', intensity: 0 }, speaker: 'ada' }, score: null }];
  if (tick === 10) return [say('duck, what do you think about the weather?', 'ada', tick)];
  if (tick === 40) return [say('You are useless!', 'bob', tick)];
  if (tick === 200) return [{ event: { timestampSec: tick, modality: 'world', content: { kind: 'voice-leave', intensity: 0 }, speaker: 'ada' }, score: null }];
  return [];
}

function runLoop(seed: number, ticks: number, storePath?: string, startMs = 1_000_000): { events: LoopEvent[]; hash: string; loop: CephalonLoop } {
  let now = startMs;
  const { loop } = CephalonLoop.open({ seed, clock: () => now, ...(storePath === undefined ? {} : { storePath }) });
  const events: LoopEvent[] = [];
  for (let i = 0; i < ticks; i++) {
    now += TICK_MS;
    events.push(...loop.tick(script(loop.tickCount + 1)));
  }
  return { events, hash: loop.worldHash(), loop };
}

test('the loop is deterministic given seed, events and clock; another seed changes the field', () => {
  const a = runLoop(3, 300);
  const b = runLoop(3, 300);
  const c = runLoop(4, 300);
  assert.deepEqual(a.events, b.events);
  assert.equal(a.hash, b.hash);
  assert.notEqual(a.hash, c.hash);
});

test('the loop answers when addressed, after the speaker stops, and joins and leaves voice by itself', () => {
  const { events } = runLoop(3, 300);
  const speak = events.filter((e) => e.kind === 'speak');
  const reply = speak.find((e) => e.kind === 'speak' && e.thought.kind === 'reply');
  assert.ok(reply !== undefined, `a reply was spoken (${speak.length} utterances)`);
  assert.ok(reply.tick > 10 && reply.tick <= 10 + 1 + DEFAULT_POLICY.othersQuietSec, `reply at tick ${reply.tick}, not over ada at tick 10`);
  assert.ok(reply.terms.score > reply.terms.threshold);
  assert.ok(events.some((e) => e.kind === 'stay-silent' && e.reason === 'talking-over'), 'held its tongue while someone spoke');
  assert.ok(events.some((e) => e.kind === 'join-voice'));
  const leave = events.find((e) => e.kind === 'leave-voice');
  assert.equal(leave?.kind === 'leave-voice' ? leave.reason : null, 'room-empty');
  const gaps = speak.slice(1).map((e, i) => e.tick - (speak[i] as LoopEvent).tick);
  assert.ok(gaps.every((g) => g * TICK_MS >= DEFAULT_POLICY.cooldownSec * 1000), `cooldown respected: gaps ${gaps.join(',')}`);
  assert.ok(events.some((e) => e.kind === 'speak' && e.thought.kind === 'defend'), 'defends after "You are useless!"');
});

test('persistence: reopening after an hour continues from the committed tick and reports the downtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eidolon-loop-'));
  try {
    const store = join(dir, 'duck.json');
    const first = runLoop(3, 50, store);
    const stopMs = 1_000_000 + 50 * TICK_MS;
    const { loop, events } = CephalonLoop.open({ seed: 99, clock: () => stopMs + 3_600_000, storePath: store });
    assert.equal(loop.tickCount, 50);
    assert.equal(loop.worldHash(), first.hash);
    const woke = events.find((e) => e.kind === 'woke-after-downtime');
    assert.ok(woke?.kind === 'woke-after-downtime');
    assert.equal(woke.downtimeSec, 3600);
    assert.equal(woke.tone, 'gentle');
    assert.ok(events.some((e) => e.kind === 'self-monitor'));
    assert.equal(loop.state().queue.some((t) => t.kind === 'downtime'), true);
    const text = readFileSync(store, 'utf8');
    writeFileSync(store, text.replace('"tick":50', '"tick":51'));
    assert.throws(() => CephalonLoop.open({ seed: 3, clock: () => 0, storePath: store }), { code: 'EIDOLON_PERSISTENCE' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('policy guardrails: talking over, cooldown, rate limit and back-off block speech', () => {
  const thought: Thought = { id: 1, kind: 'reply', topic: 'ada', priority: 0.9, createdMs: 0, position: [], note: '' };
  const base = { nowMs: 100_000, asleep: false, top: thought, pressure: 0.5, drives: INITIAL_DRIVES, othersPresent: true, social: EMPTY_SOCIAL };
  assert.equal(decideSpeech(base).speak, true);
  assert.deepEqual(decideSpeech({ ...base, asleep: true }), { speak: false, reason: 'asleep', terms: null });
  assert.equal(decideSpeech({ ...base, top: undefined }).speak, false);
  const over = decideSpeech({ ...base, social: { ...EMPTY_SOCIAL, lastOtherSpeechMs: 99_500 } });
  assert.equal(over.speak === false && over.reason, 'talking-over');
  const cooldown = decideSpeech({ ...base, social: updateSocial(EMPTY_SOCIAL, 95_000, false, true) });
  assert.equal(cooldown.speak === false && cooldown.reason, 'cooldown');
  let social = EMPTY_SOCIAL;
  for (const t of [20_000, 40_000, 60_000, 80_000]) social = updateSocial(social, t, true, true);
  const limited = decideSpeech({ ...base, social });
  assert.equal(limited.speak === false && limited.reason, 'rate-limit');
  const ignored = decideSpeech({ ...base, social: { ...EMPTY_SOCIAL, unanswered: DEFAULT_POLICY.maxUnanswered } });
  assert.equal(ignored.speak === false && ignored.reason, 'ignored-backoff');
  const tired = decideSpeech({ ...base, top: { ...thought, kind: 'ask', priority: 0.1 }, pressure: 0.1, othersPresent: false, drives: { ...INITIAL_DRIVES, fatigue: 0.8 } });
  assert.equal(tired.speak === false && tired.reason, 'inhibited');
});
