import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CephalonLoop, DEFAULT_EXTENDED_RULES, DEFAULT_STATE_THRESHOLDS, INITIAL_DRIVES, scoreLexicon, transition } from '../src/index.js';
import type { AgentState, LoopEvent, ScoredEvent, StateContext, StateInfo } from '../src/index.js';

const T = { ...DEFAULT_STATE_THRESHOLDS, extended: DEFAULT_EXTENDED_RULES };
const NOW = 1_000_000;

function at(name: AgentState, sinceMs = NOW - 5000): StateInfo {
  return { name, sinceMs, interrupted: false, revisit: false };
}
function ctx(over: Partial<StateContext> = {}, purpose = INITIAL_DRIVES.purpose): StateContext {
  return { nowMs: NOW, drives: { ...INITIAL_DRIVES, purpose }, heardMessages: 0, addressed: false, queued: 0, othersPresent: false, ...over };
}

test('B3 extended rules: Focused on purpose, Distracted by talk not addressed to it, back to Focused when quiet', () => {
  assert.equal(transition(at('Idle'), ctx({}, 0.7), T).name, 'Focused');
  assert.equal(transition(at('Idle'), ctx({}, 0.5), T).name, 'Idle', 'below focusAbove');
  assert.equal(transition(at('Focused'), ctx({}, 0.45), T).name, 'Focused', 'hysteresis holds it');
  assert.notEqual(transition(at('Focused'), ctx({}, 0.3), T).name, 'Focused', 'purpose spent: leaves');
  const distracted = transition(at('Focused'), ctx({ heardMessages: 2 }, 0.7), T);
  assert.equal(distracted.name, 'Distracted');
  assert.equal(distracted.interrupted, true);
  assert.equal(transition(at('Focused'), ctx({ heardMessages: 1, addressed: true }, 0.7), T).name, 'Listening', 'addressed: it listens');
  assert.equal(transition(at('Distracted'), ctx({}, 0.7), T).name, 'Focused', 'quiet again: back to the task');
  assert.equal(transition(at('Focused'), ctx({ othersPresent: true }, 0.7), T).name, 'WithYou', 'someone present takes precedence');
});

test('B3 extended rules: Reflecting after a conversation ends, SelfReflecting after being ignored, each for reflectForSec', () => {
  const r = DEFAULT_EXTENDED_RULES;
  assert.equal(transition(at('WithYou'), ctx(), T).name, 'Reflecting');
  assert.equal(transition(at('Reflecting', NOW - (r.reflectForSec - 1) * 1000), ctx(), T).name, 'Reflecting');
  assert.equal(transition(at('Reflecting', NOW - (r.reflectForSec + 1) * 1000), ctx(), T).name, 'Idle');
  assert.equal(transition(at('Reflecting'), ctx({ heardMessages: 1 }), T).name, 'Listening');
  const ignored = (since: number, unanswered = 1): AgentState => transition(at('Idle'), ctx({ unanswered, sinceOwnSpeechSec: since }), T).name;
  assert.equal(ignored(r.ignoredAfterSec - 1), 'Idle', 'not yet ignored');
  assert.equal(ignored(r.ignoredAfterSec), 'SelfReflecting');
  assert.equal(ignored(r.ignoredAfterSec + r.reflectForSec), 'Idle', 'done reflecting');
  assert.equal(ignored(r.ignoredAfterSec, 0), 'Idle', 'answered: nothing to go over');
});

test('B3 extended rules are off by default: the same contexts give the core states', () => {
  assert.equal(transition(at('Idle'), ctx({}, 0.9)).name, 'Idle');
  assert.equal(transition(at('WithYou'), ctx()).name, 'Idle');
  assert.equal(transition(at('Idle'), ctx({ unanswered: 3, sinceOwnSpeechSec: 25 })).name, 'Idle');
});

test('B3 extended rules in the loop: deterministic, and a conversation that ends is followed by Reflecting', () => {
  const say = (text: string, t: number): ScoredEvent => {
    const s = scoreLexicon(text);
    return { event: { timestampSec: t, modality: 'text', content: text, speaker: 'ada' }, score: { affect: Array.from(s.affect), confidence: s.confidence, source: s.source } };
  };
  const run = (): LoopEvent[] => {
    let now = NOW;
    const { loop } = CephalonLoop.open({ seed: 2, clock: () => now, params: { states: T } });
    const out: LoopEvent[] = [];
    for (let i = 1; i <= 300; i++) {
      now += 1000;
      out.push(...loop.tick(i === 5 || i === 30 ? [say('duck, are you there?', i)] : []));
    }
    return out;
  };
  const a = run();
  assert.deepEqual(run(), a);
  const to = a.flatMap((e) => (e.kind === 'state-change' ? [e.to] : []));
  assert.ok(to.includes('Reflecting'), `states entered: ${to.join(' ')}`);
  console.log(`# extended states, seed 2: ${to.join(' ')}`);
});
