/** The host's speech-in-progress flag (a VAD saw someone talking): a decision to speak is held back, with its terms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CephalonLoop, decideSpeech, INITIAL_DRIVES, EMPTY_SOCIAL } from '../src/index.js';
import type { PolicyContext, Thought } from '../src/index.js';

const thought: Thought = { id: 1, kind: 'reply', topic: 'ada', priority: 0.9, createdMs: 0, position: [], note: 'ada addressed me' };
const base: PolicyContext = { nowMs: 100_000, asleep: false, top: thought, pressure: 0.5, drives: INITIAL_DRIVES, othersPresent: true, social: EMPTY_SOCIAL };

test('policy: speech in progress holds back a decision to speak, with the same terms; it never turns silence into speech', () => {
  const free = decideSpeech(base);
  assert.equal(free.speak, true);
  const held = decideSpeech({ ...base, speechInProgress: true });
  assert.equal(held.speak, false);
  assert.ok(!held.speak && held.reason === 'speech-in-progress');
  assert.deepEqual(held.terms, free.terms);
  const weak = { ...base, top: { ...thought, kind: 'ask' as const, priority: 0.05 }, pressure: 0.05, othersPresent: false };
  assert.equal(decideSpeech(weak).speak, false);
  const weakHeld = decideSpeech({ ...weak, speechInProgress: true });
  assert.ok(!weakHeld.speak && weakHeld.reason === 'inhibited', 'below the threshold it is inhibited, as without the flag');
});

test('loop: an addressed agent speaks only once the speech has stopped', () => {
  let now = 1_700_000_000_000;
  const { loop } = CephalonLoop.open({ seed: 4, clock: () => now });
  const ask = { event: { timestampSec: 0, modality: 'text' as const, content: 'duck, what do you think?', speaker: 'ada' }, score: { affect: [0, 0, 0, 0, 0, 0, 0, 0], confidence: 0.5, source: 'test' } };
  const kinds: string[] = [];
  for (let t = 0; t < 12; t++) {
    now += 1000;
    const events = loop.tick(t === 0 ? [ask] : [], { speechInProgress: t >= 2 && t < 8 });
    kinds.push(events.filter((e) => e.kind === 'speak' || e.kind === 'stay-silent').map((e) => (e.kind === 'speak' ? 'speak' : e.reason)).join(','));
  }
  const first = kinds.findIndex((k) => k === 'speak');
  assert.equal(first, 8, kinds.join(' | '));
  assert.ok(kinds.slice(2, 8).every((k) => k === 'speech-in-progress'), kinds.join(' | '));
});
