/**
 * Acceptance: the tokenizer gives tiktoken's ids on 10,000 generated strings for both Whisper vocabularies,
 * and decodes them back to the same strings. The reference (./parity/tiktoken-reference.ts) merges by the ranks
 * of byte strings in OpenAI's `.tiktoken` files; the tokenizer under test merges by a merge list over ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTokenizer } from './load.js';
import { preTokenize } from './pre-tokenize.js';
import { bytesToByteLevel } from './byte-level.js';
import { compareWithTiktoken } from './parity/compare.js';
import { writeEnglishModelFolder } from './parity/english-folder.js';
import { GPT2_TIKTOKEN, MULTILINGUAL_TIKTOKEN, SHARED_MODEL_DIR } from './parity/paths.js';
import { generateTexts } from './parity/text-generator.js';
import { deriveMerges, latin1, loadTiktokenRanks, tiktokenSplit } from './parity/tiktoken-reference.js';
import { readTokenizerFiles } from './read-files.js';

/** Strings per vocabulary (the acceptance floor is 10,000). */
const STRINGS = 10_000;
const TEXTS = generateTexts(20261124, STRINGS);
/** Loaded once, shared by the tests that need them. */
const multilingualRanks = loadTiktokenRanks(MULTILINGUAL_TIKTOKEN);
const sharedTokenizer = loadTokenizer(SHARED_MODEL_DIR);

test('the pre-tokenizer regex splits like the hand-written scanner of the GPT-2 pattern', () => {
  let differ = 0;
  for (const text of TEXTS) if (JSON.stringify(preTokenize(text)) !== JSON.stringify(tiktokenSplit(text))) differ++;
  assert.equal(differ, 0);
  // Unicode White_Space, not JavaScript's \s: U+0085 is a space, U+FEFF is not.
  assert.deepEqual(preTokenize('a \u0085b'), ['a', ' ', '\u0085', 'b']);
  assert.deepEqual(preTokenize('a \ufeffb'), ['a', ' \ufeff', 'b']);
  assert.deepEqual(preTokenize("I'll  go\t\n "), ['I', "'ll", ' ', ' go', '\t\n ']);
});

test(`multilingual vocabulary: ${STRINGS} strings encode like tiktoken and round-trip`, async () => {
  const r = compareWithTiktoken(await sharedTokenizer, multilingualRanks, TEXTS);
  assert.equal(r.compared, STRINGS);
  assert.deepEqual(r.examples, []);
  assert.equal(r.mismatches, 0);
  assert.equal(r.roundTripFailures, 0);
  assert.ok(r.tokens > STRINGS * 10, `only ${r.tokens} tokens`);
});

test(`English vocabulary (folder written from gpt2.tiktoken, vocab.json + merges.txt): ${STRINGS} strings like tiktoken`, async () => {
  const ranks = loadTiktokenRanks(GPT2_TIKTOKEN);
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-en-tokenizer-'));
  try {
    const ids = writeEnglishModelFolder(dir, ranks);
    const tok = await loadTokenizer(dir);
    assert.equal(tok.eot, ids.eot);
    assert.equal(tok.isMultilingual, false);
    const r = compareWithTiktoken(tok, ranks, TEXTS);
    assert.equal(r.compared, STRINGS);
    assert.deepEqual(r.examples, []);
    assert.equal(r.mismatches, 0);
    assert.equal(r.roundTripFailures, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tokenizer.json agrees with multilingual.tiktoken: same bytes for ids 0..50256, same merges', async () => {
  const ranks = multilingualRanks;
  const tok = await sharedTokenizer;
  let differ = 0;
  ranks.bytesOf.forEach((bytes, id) => {
    if (latin1(tok.decodeBytes([id])) !== latin1(bytes)) differ++;
  });
  assert.equal(ranks.bytesOf.length, 50257);
  assert.equal(differ, 0);
  assert.equal(tok.decodeBytes([50256]).length, 0, 'the last rank is the empty byte string');
  const files = await readTokenizerFiles(SHARED_MODEL_DIR);
  const derived = deriveMerges(ranks).map(([l, r]) => `${bytesToByteLevel(l)} ${bytesToByteLevel(r)}`);
  const stated = files.merges.map(([l, r]) => `${l} ${r}`);
  assert.equal(stated.length, derived.length);
  assert.equal(stated.findIndex((m, i) => m !== derived[i]), -1);
});
