import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { ApplyTimestampRules, NoRepeatNgram, RepetitionPenalty, SuppressBlank, timestampRuleMargin } from './logit-filters.js';
import { compressionRatio } from './compression.js';
import { rankCandidates, rankScore } from './ranker.js';
import { FAKE_IDS } from './test-support/fake-model.js';

const TB = FAKE_IDS.timestampBegin;
const V = FAKE_IDS.vocab;
const ids = { eot: FAKE_IDS.eot, noTimestamps: FAKE_IDS.noTimestamps, timestampBegin: TB };
const PROMPT = [21, 22, 26];

/** Low logits with text token 1 and EOT clearly best, so the "timestamp mass" rule does not fire. */
function flat(): Float32Array {
  const l = new Float32Array(V).fill(-20);
  l[1] = 10;
  l[FAKE_IDS.eot] = 10;
  return l;
}
const banned = (l: Float32Array) => [...l.keys()].filter((i) => l[i] === -Infinity);
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

test('first step: only timestamps up to max_initial_timestamp are allowed', () => {
  const l = flat();
  new ApplyTimestampRules(ids, PROMPT.length, 2).apply(l, PROMPT);
  assert.deepEqual(banned(l), [...range(0, TB), ...range(TB + 3, V)]);
});

test('after text then a timestamp, the next token must be a timestamp or EOT (closing the pair)', () => {
  const l = flat();
  new ApplyTimestampRules(ids, 3, null).apply(l, [...PROMPT, TB + 1, 5, TB + 4]);
  assert.deepEqual(banned(l), [...range(0, FAKE_IDS.eot), FAKE_IDS.noTimestamps, ...range(TB, TB + 4)]);
});

test('after a timestamp pair, the next token must be text; timestamps never decrease and segments are non-empty', () => {
  const l = flat();
  new ApplyTimestampRules(ids, 3, null).apply(l, [...PROMPT, TB + 1, 5, TB + 4, TB + 4]);
  assert.deepEqual(banned(l), [FAKE_IDS.noTimestamps, ...range(TB, V)]);
  const m = flat();
  new ApplyTimestampRules(ids, 3, null).apply(m, [...PROMPT, TB + 1, 5]);
  assert.deepEqual(banned(m), [FAKE_IDS.noTimestamps, ...range(TB, TB + 2)], 'next timestamp must be > the open one');
});

test('when the timestamps together outweigh the best text token, text is banned', () => {
  const l = new Float32Array(V).fill(0);
  l[1] = 3; // best text token: e^3 ≈ 20 vs timestamps 33 · e^0 = 33 in total
  assert.ok(timestampRuleMargin(l, TB) > 0);
  new ApplyTimestampRules(ids, 3, null).apply(l, [...PROMPT, 5]);
  assert.deepEqual(banned(l), [...range(0, TB).filter((i) => i !== FAKE_IDS.noTimestamps), FAKE_IDS.noTimestamps].sort((a, b) => a - b));
});

test('SuppressBlank only acts at the first sampled position', () => {
  const f = new SuppressBlank([0, FAKE_IDS.eot], 3);
  const a = flat();
  f.apply(a, PROMPT);
  assert.deepEqual(banned(a), [0, FAKE_IDS.eot]);
  const b = flat();
  f.apply(b, [...PROMPT, 4]);
  assert.deepEqual(banned(b), []);
});

test('repetition penalty makes repeats less likely whatever the logit sign; n-gram blocking bans completions', () => {
  const l = new Float32Array(V).fill(0);
  l[4] = 2;
  l[5] = -2;
  new RepetitionPenalty(2, 3).apply(l, [...PROMPT, 4, 5]);
  assert.equal(l[4], 1);
  assert.equal(l[5], -4);
  const g = flat();
  new NoRepeatNgram(2, 3).apply(g, [...PROMPT, 7, 8, 7]);
  assert.deepEqual(banned(g), [8]);
});

test('ranking: sum / length by default, GNMT penalty ((5 + L) / 6) ** alpha otherwise; first best on ties', () => {
  assert.equal(rankScore(-6, 3, null), -2);
  assert.ok(Math.abs(rankScore(-6, 7, 0.6) - -6 / 2 ** 0.6) < 1e-12);
  const c = (n: number, s: number) => ({ tokens: Array.from({ length: n }, () => 1), sumLogprob: s, steps: [] });
  assert.equal(rankCandidates([c(2, -4), c(4, -4), c(8, -8)], null), 1);
  assert.equal(rankCandidates([c(2, -4), c(4, -4), c(8, -8)], 0), 0);
});

test('compression ratio matches CPython zlib.compress on every text of the reference decode files', () => {
  assert.equal(compressionRatio('a'.repeat(40)), 40 / 12, 'CPython: len(zlib.compress(b"a" * 40)) == 12');
  let checked = 0;
  for (const audio of ['jfk', 'long']) {
    const file = new URL(`../../../../../shared/models/whisper-dev-random/reference/decode_${audio}.json`, import.meta.url);
    const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Record<string, { text: string; compression_ratio: number }> }).cases;
    for (const c of Object.values(cases)) {
      assert.equal(compressionRatio(c.text), c.compression_ratio);
      checked++;
    }
  }
  assert.equal(checked, 10);
});
