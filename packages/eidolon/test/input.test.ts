import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RUN_WORLD, OtherMinds, applyScoredEvent, createWorld, parseEventLog, scoreLexicon } from '../src/index.js';
import type { ScoredEvent } from '../src/index.js';

function text(content: string, speaker: string, t = 0): ScoredEvent {
  const s = scoreLexicon(content);
  return { event: { timestampSec: t, modality: 'text', content, speaker }, score: { affect: Array.from(s.affect), confidence: s.confidence, source: s.source } };
}

test('parseEventLog sorts stably by timestamp and rejects bad lines with the line number', () => {
  const log = ['{"timestamp": 2, "modality": "text", "content": "b"}', '', '{"timestamp": 1, "modality": "text", "content": "a", "speaker": "x"}', '{"timestamp": 2, "modality": "image", "content": {"entropy": 0.5}}'].join('\n');
  const events = parseEventLog(log);
  assert.deepEqual(events.map((e) => e.timestampSec), [1, 2, 2]);
  assert.deepEqual(events.map((e) => e.modality), ['text', 'text', 'image']);
  assert.equal(events[1]?.speaker, 'anonymous');
  assert.throws(() => parseEventLog('{"timestamp": 1, "modality": "text", "content": "a"}\nnot json'), { code: 'EIDOLON_INPUT_EVENT', message: /events:2: not valid JSON/ });
  assert.throws(() => parseEventLog('{"timestamp": 1, "modality": "audio", "content": {"amplitude": 3, "frequencyHz": 1}}'), /amplitude must be a number in \[0, 1\]/);
});

test('a text event places its speaker, pulls the self, and books the packet and the work in the ledger', () => {
  const world = createWorld(DEFAULT_RUN_WORLD, 1);
  const minds = new OtherMinds();
  const before = world.ledger();
  const applied = applyScoredEvent(world, minds, text("You're brilliant at this", 'ada'), { selfId: 0 });
  assert.equal(applied.speakerId, 1);
  assert.equal(minds.idOf('ada'), 1);
  const score = scoreLexicon("You're brilliant at this");
  const placed = world.agent(1).position;
  placed.forEach((x, k) => assert.ok(Math.abs(x - 0.8 * (score.affect[k] as number)) < 1e-12, 'placed at its scored affect'));
  assert.ok(applied.languageTarget !== null && (applied.languageTarget[1] as number) > world.agent(0).position[1]!, 'pulled up on circuit 2');
  const after = world.ledger();
  const field = after.fields[0];
  assert.ok(field !== undefined && applied.fieldEnergy !== 0);
  assert.ok(Math.abs(field.energyInjected - (before.fields[0]?.energyInjected ?? 0) - applied.fieldEnergy) < 1e-15, 'packet energy in the field ledger (A12.3)');
  assert.notEqual(after.externalWork.placement, before.externalWork.placement, 'placement booked as external work');
  assert.notEqual(after.externalWork.field, before.externalWork.field, 'packet effect on agents booked');
  for (let i = 0; i < 500; i++) world.step(0.01);
  assert.notEqual(world.ledger().externalWork.language, 0, 'language spring work booked');
  // A known speaker moves towards its new affect, by followRate * confidence of the way.
  const again = applyScoredEvent(world, minds, text('You are useless', 'ada'), { selfId: 0 });
  assert.equal(again.speakerId, 1);
  assert.equal(world.agentCount, 2);
});

test('zero affect (a refusal) gives no language force; anonymous speakers are not placed by default', () => {
  const world = createWorld(DEFAULT_RUN_WORLD, 1);
  const minds = new OtherMinds();
  const refusal: ScoredEvent = { event: { timestampSec: 0, modality: 'text', content: 'I cannot feel', speaker: 'anonymous' }, score: { affect: new Array<number>(8).fill(0), confidence: 0, source: 'llm' } };
  const r = applyScoredEvent(world, minds, refusal, { selfId: 0 });
  assert.equal(r.languageTarget, null);
  assert.equal(r.speakerId, null);
  assert.equal(r.fieldEnergy, 0);
  const hit = applyScoredEvent(world, minds, { event: { timestampSec: 0, modality: 'world', content: { kind: 'damage', intensity: -1 }, speaker: 'anonymous' }, score: null }, { selfId: 0 });
  assert.ok(hit.impulseWork !== 0);
  assert.equal(world.ledger().externalWork.impulse, hit.impulseWork);
});
