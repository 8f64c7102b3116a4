import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPrompt, pythonTail } from './prompt.js';
import { suppressedTokenIds } from './suppress.js';
import { FAKE_IDS, fakeTokenizer } from './test-support/fake-model.js';

const tok = fakeTokenizer();
const base = { languageToken: 22, task: 'transcribe' as const, withoutTimestamps: false, promptTokens: [], prefixTokens: [], nTextCtx: 448, sampleLen: 224 };

test('pythonTail follows list[-n:] including the n = 0 quirk', () => {
  assert.deepEqual(pythonTail([1, 2, 3], 2), [2, 3]);
  assert.deepEqual(pythonTail([1, 2, 3], 0), [1, 2, 3]);
  assert.deepEqual(pythonTail([1, 2, 3], -1), [2, 3]);
  assert.deepEqual(pythonTail([1, 2, 3], 5), [1, 2, 3]);
});

test('plain prompt: SOT, language, task, optional no-timestamps', () => {
  assert.deepEqual(buildPrompt(tok, base), { tokens: [21, 22, 26], sotIndex: 0, sampleBegin: 3 });
  const t = buildPrompt(tok, { ...base, task: 'translate', withoutTimestamps: true });
  assert.deepEqual(t.tokens, [21, 22, 25, 30]);
});

test('previous text goes after <|startofprev|>, keeping only the newest 223 tokens', () => {
  const previous = Array.from({ length: 300 }, (_, i) => i % 20);
  const p = buildPrompt(tok, { ...base, promptTokens: previous });
  assert.equal(p.tokens[0], FAKE_IDS.sotPrev);
  assert.deepEqual(p.tokens.slice(1, 224), previous.slice(-223));
  assert.equal(p.sotIndex, 224);
  assert.deepEqual(p.tokens.slice(224), [21, 22, 26]);
  assert.equal(p.sampleBegin, 227);
});

test('prefix tokens follow the SOT sequence (whole prefix kept when sampleLen = nTextCtx / 2, as OpenAI)', () => {
  const p = buildPrompt(tok, { ...base, prefixTokens: [3, 4, 5], promptTokens: [7] });
  assert.deepEqual(p.tokens, [28, 7, 21, 22, 26, 3, 4, 5]);
  assert.equal(p.sotIndex, 2);
  const short = buildPrompt(tok, { ...base, prefixTokens: [3, 4, 5], sampleLen: 222 });
  assert.deepEqual(short.tokens, [21, 22, 26, 4, 5]);
});

test('English-only models have no language or task token', () => {
  const en = { ...tok, isMultilingual: false };
  assert.deepEqual(buildPrompt(en, { ...base, withoutTimestamps: true }).tokens, [21, 30]);
});

test('suppress set: -1 expands to the non-speech ids; special tokens always added; sorted and unique', () => {
  assert.deepEqual(suppressedTokenIds(tok, [-1, 5, 5]), [5, 19, 21, 25, 26, 27, 28, 29]);
  assert.deepEqual(suppressedTokenIds(tok, []), [21, 25, 26, 27, 28, 29]);
});
