import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CephalonLoop, DEFAULT_REACTIONS, EMPTY_REACTIONS, INITIAL_DRIVES, afterReactions, biasFor, scoreLexicon, situationKey } from '../src/index.js';
import type { LoopEvent, ReactionMemory, ScoredEvent } from '../src/index.js';

const P = { rate: 0.3, maxBias: 0.3, replyWindowSec: 30 };

function say(text: string, speaker: string, t: number): ScoredEvent {
  const s = scoreLexicon(text);
  return { event: { timestampSec: t, modality: 'text', content: text, speaker }, score: { affect: Array.from(s.affect), confidence: s.confidence, source: s.source } };
}

test('reactions: replies raise the bias of that situation towards +maxBias, silence lowers it towards -maxBias, others untouched', () => {
  const key = situationKey('Thinking', INITIAL_DRIVES);
  assert.equal(key, 'Thinking|curiosity');
  let m: ReactionMemory = EMPTY_REACTIONS;
  let prev = 0;
  for (let i = 0; i < 10; i++) {
    const t = i * 100_000;
    m = afterReactions(m, t, false, key, P); // spoke
    m = afterReactions(m, t + 5_000, true, null, P); // answered 5 s later
    const b = biasFor(m, key);
    assert.ok(b > prev && b < P.maxBias, `bias rises and stays below maxBias: ${b}`);
    prev = b;
  }
  assert.equal(biasFor(m, 'Idle|hunger'), 0, 'another situation is unaffected');
  for (let i = 0; i < 30; i++) {
    const t = 2_000_000 + i * 100_000;
    m = afterReactions(m, t, false, key, P);
    m = afterReactions(m, t + 31_000, false, null, P); // nobody answered within the window
  }
  const b = biasFor(m, key);
  assert.ok(b < 0 && b > -P.maxBias, `ignored: the bias falls below 0 and stays above -maxBias: ${b}`);
  // A reply after the window does not count as one.
  const late = afterReactions(afterReactions(EMPTY_REACTIONS, 0, false, key, P), 40_000, true, null, P);
  assert.ok(biasFor(late, key) < 0);
  // Off by default.
  assert.equal(afterReactions(EMPTY_REACTIONS, 0, true, key, DEFAULT_REACTIONS), EMPTY_REACTIONS);
});

/** ada asks duck something every 60 s; if `answers`, she replies 3 s after each of duck's utterances. */
function conversation(answers: boolean, rate: number, ticks = 900): LoopEvent[] {
  let now = 1_000_000;
  const { loop } = CephalonLoop.open({ seed: 5, clock: () => now, params: { reactions: { ...P, rate } } });
  const events: LoopEvent[] = [];
  const replyAt = new Set<number>();
  for (let i = 1; i <= ticks; i++) {
    now += 1000;
    const inputs: ScoredEvent[] = [];
    if (i % 60 === 5) inputs.push(say('duck, what do you think about this?', 'ada', i));
    if (replyAt.has(i)) inputs.push(say('thanks duck, good point', 'ada', i));
    const out = loop.tick(inputs);
    for (const e of out) if (e.kind === 'speak' && answers) replyAt.add(i + 3);
    events.push(...out);
  }
  return events;
}

function learnedTerms(events: LoopEvent[]): number[] {
  return events.flatMap((e) => ((e.kind === 'speak' || e.kind === 'stay-silent') && e.terms !== null ? [e.terms.learned] : []));
}

test('reactions in the loop: answered utterances raise the learned term, ignored ones lower it; deterministic; off by default', () => {
  const answered = conversation(true, P.rate);
  const ignored = conversation(false, P.rate);
  const la = learnedTerms(answered);
  const li = learnedTerms(ignored);
  assert.ok(answered.filter((e) => e.kind === 'speak').length >= 5, 'duck spoke several times');
  assert.ok(Math.max(...la) > 0.05, `answered: learned term reached ${Math.max(...la)}`);
  assert.ok(la.every((x) => x >= 0), 'answered: never negative');
  assert.ok(Math.min(...li) < -0.05, `ignored: learned term reached ${Math.min(...li)}`);
  assert.ok(li.every((x) => x <= 0), 'ignored: never positive');
  assert.deepEqual(conversation(true, P.rate), answered, 'deterministic');
  assert.ok(learnedTerms(conversation(true, 0)).every((x) => x === 0), 'rate 0: no learned term');
  // The behaviour: an agent that learns it is ignored speaks less than one that does not learn.
  const spoken = (ev: LoopEvent[]): number => ev.filter((e) => e.kind === 'speak').length;
  assert.ok(spoken(ignored) < spoken(conversation(false, 0)), `ignored: ${spoken(ignored)} utterances with learning, ${spoken(conversation(false, 0))} without`);
});
