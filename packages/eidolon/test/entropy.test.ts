import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RUN_CONFIG, InputEntropy, createLexiconScorer, parseEventLog, runScoredLog, scoreEvents } from '../src/index.js';
import type { ScoredEvent } from '../src/index.js';
import { RandomStream } from '../src/random/xoshiro.js';

function textEvent(t: number, speaker: string, affect: number[]): ScoredEvent {
  return { event: { timestampSec: t, modality: 'text', content: 'x', speaker }, score: { affect, confidence: 1, source: 'test' } };
}

/** A random stream of events over a few speakers and push patterns. */
function randomStream(seed: number, count: number): ScoredEvent[] {
  const r = new RandomStream(seed);
  return Array.from({ length: count }, (_, i) => textEvent(i, ['ada', 'bob', 'cy'][Math.floor(r.nextFloat() * 3)] as string,
    Array.from({ length: 8 }, () => (r.nextFloat() - 0.5) * 2)));
}

test('input entropy: S(t) never decreases, over random streams (A12.3)', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const s = new InputEntropy();
    let prev = 0;
    for (const e of randomStream(seed, 200)) {
      const step = s.add(e);
      assert.ok(step.deltaBits >= 0 && step.totalBits >= prev, `seed ${seed}: S fell from ${prev} to ${step.totalBits}`);
      prev = step.totalBits;
    }
  }
});

test('input entropy: the closed form N H(p_hat), 0 for a constant stream, and N log2 N when every symbol is new', () => {
  const same = new InputEntropy();
  for (let i = 0; i < 50; i++) same.add(textEvent(i, 'ada', [0.5, 0, 0, 0, 0, 0, 0, 0]));
  assert.equal(same.bits, 0, 'a stream that repeats one symbol carries no information');
  const distinct = new InputEntropy();
  for (let i = 0; i < 16; i++) distinct.add(textEvent(i, `speaker${i}`, [0, 0, 0, 0, 0, 0, 0, 0]));
  assert.ok(Math.abs(distinct.bits - 16 * 4) < 1e-12, `16 distinct symbols: ${distinct.bits} bits = 16 log2 16`);
  // Counts 3, 1 (pushes below the dead zone 0.2 are 0): S = 4 H(3/4, 1/4).
  const mixed = new InputEntropy();
  [0.5, 0.3, 0.9, -0.5].forEach((a, i) => mixed.add(textEvent(i, 'ada', [a, 0.1, 0, 0, 0, 0, 0, 0])));
  const h = -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25));
  assert.ok(Math.abs(mixed.bits - 4 * h) < 1e-12, `${mixed.bits} vs ${4 * h}`);
  assert.equal(mixed.symbols, 2);
});

test('input entropy: booked by a run, deterministic, and a richer stream carries more', async () => {
  const log = (lines: string[]): string => lines.map((c, i) => JSON.stringify({ timestamp: i, modality: 'text', content: c, speaker: i % 2 === 0 ? 'ada' : 'bob' })).join('\n');
  const varied = await scoreEvents(parseEventLog(log(['You are brilliant', 'You are useless!', "I'm here to help you", 'We are doomed', 'Tell me more'])), createLexiconScorer());
  const dull = await scoreEvents(parseEventLog(log(['ok', 'ok', 'ok', 'ok', 'ok'])), createLexiconScorer());
  const cfg = { ...DEFAULT_RUN_CONFIG, seed: 2, tailSec: 1 };
  const a = runScoredLog(varied, cfg);
  const b = runScoredLog(varied, cfg);
  assert.equal(a.inputEntropyBits, b.inputEntropyBits);
  assert.ok(a.inputEntropyBits > 0);
  const d = runScoredLog(dull, cfg);
  assert.ok(d.inputEntropyBits < a.inputEntropyBits, `dull ${d.inputEntropyBits} < varied ${a.inputEntropyBits}`);
  // Two speakers alternating an identical message: 5 H(3/5, 2/5).
  const h = -(0.6 * Math.log2(0.6) + 0.4 * Math.log2(0.4));
  assert.ok(Math.abs(d.inputEntropyBits - 5 * h) < 1e-12, `dull: ${d.inputEntropyBits}`);
});
