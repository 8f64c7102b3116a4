/**
 * Special-token ids come from the model files: checked against the shared folder's own JSON files, and against
 * folders generated here with the ids shifted (English-only: one lower; v3-like: `<|yue|>` added, tasks and
 * later tokens one higher) so that a hard-coded id would fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTokenizer } from './load.js';
import { WHISPER_LANGUAGES } from './languages.js';
import { SHARED_MODEL_DIR } from './parity/paths.js';

type Json = Record<string, unknown>;
const readJson = (name: string): Json => JSON.parse(readFileSync(join(SHARED_MODEL_DIR, name), 'utf8')) as Json;
const generation = readJson('generation_config.json');
const added = readJson('added_tokens.json') as Record<string, number>;
const tokenizerJson = readJson('tokenizer.json');
/** Loaded once for all tests of this file. */
const sharedTokenizer = loadTokenizer(SHARED_MODEL_DIR);

test('ids of the shared model match its generation_config.json and added_tokens.json', async () => {
  const tok = await sharedTokenizer;
  assert.equal(tok.sot, generation['decoder_start_token_id']);
  assert.equal(tok.eot, generation['eos_token_id']);
  assert.equal(tok.noTimestamps, generation['no_timestamps_token_id']);
  assert.equal(tok.sotPrev, generation['prev_sot_token_id']);
  assert.deepEqual({ transcribe: tok.transcribe, translate: tok.translate }, generation['task_to_id']);
  assert.equal(tok.sotLm, added['<|startoflm|>']);
  assert.equal(tok.noSpeech, added['<|nocaptions|>']);
  assert.equal(tok.timestampBegin, added['<|0.00|>']);
  assert.equal(tok.timestampEnd, added['<|30.00|>']);
  assert.equal(tok.isMultilingual, generation['is_multilingual']);
  const langToId = generation['lang_to_id'] as Record<string, number>;
  assert.deepEqual(Object.fromEntries(tok.languages.map((l) => [`<|${l.code}|>`, l.id])), langToId);
  // The name table follows OpenAI's order: its first 99 codes are the file's language tokens in id order.
  assert.deepEqual(tok.languageCodes, WHISPER_LANGUAGES.slice(0, 99).map(([code]) => code));
  assert.equal(tok.languageToken('German'), langToId['<|de|>']);
  assert.equal(tok.languageOf(langToId['<|sq|>'] as number), 'sq');
  assert.deepEqual(tok.sotSequence('en', 'transcribe'), [tok.sot, langToId['<|en|>'], tok.transcribe]);
  assert.deepEqual(tok.sotSequence(undefined, 'translate'), [tok.sot, tok.translate]);
  assert.throws(() => tok.languageToken('klingon'), { name: 'TokenizerError', code: 'TOKENIZER_UNKNOWN_LANGUAGE' });
});

test("nonSpeechTokens() plus OpenAI's six special suppressions is exactly the model's suppress_tokens", async () => {
  const tok = await sharedTokenizer;
  const expected = [...(generation['suppress_tokens'] as number[])].sort((a, b) => a - b);
  const ours = [...tok.nonSpeechTokens(), tok.translate, tok.transcribe, tok.sot, tok.sotPrev, tok.sotLm, tok.noSpeech];
  assert.deepEqual([...new Set(ours)].sort((a, b) => a - b), expected);
});

/** Writes a copy of the shared tokenizer.json with `edit` applied, and an optional generation_config.json. */
function writeVariant(edit: (vocab: Record<string, number>, added: { id: number; content: string }[]) => void, gen?: Json): string {
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-tok-variant-'));
  const copy = structuredClone(tokenizerJson) as { model: { vocab: Record<string, number> }; added_tokens: { id: number; content: string }[] };
  edit(copy.model.vocab, copy.added_tokens);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(copy));
  if (gen !== undefined) writeFileSync(join(dir, 'generation_config.json'), JSON.stringify(gen));
  return dir;
}

test('English-only layout (every special id one lower, no generation config): ids follow the files', async () => {
  const dir = writeVariant((vocab, tokens) => {
    delete vocab[''];
    vocab['<|endoftext|>'] = 50256;
    for (const t of tokens) t.id -= 1;
  });
  try {
    const tok = await loadTokenizer(dir);
    const shared = await sharedTokenizer;
    for (const key of ['eot', 'sot', 'translate', 'transcribe', 'sotLm', 'sotPrev', 'noSpeech', 'noTimestamps', 'timestampBegin'] as const) {
      assert.equal(tok[key], shared[key] - 1, key);
    }
    assert.equal(tok.isMultilingual, false, '51864 ids: English-only by OpenAI rule');
    assert.deepEqual(tok.sotSequence('en', 'transcribe'), [tok.sot]);
    assert.throws(() => tok.sotSequence('de'), { code: 'TOKENIZER_ENGLISH_ONLY' });
    assert.equal(tok.decodeWithTimestamps([tok.timestampBegin + 54]), '<|1.08|>');
    assert.equal(tok.timestampToSec(tok.timestampBegin + 54), 54 * 0.02);
    assert.deepEqual(tok.encode(' Hello world'), shared.encode(' Hello world'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('v3 layout (<|yue|> added after <|su|>): tasks, no-speech and timestamps move up by one', async () => {
  const shared = await sharedTokenizer;
  const yue = shared.translate;
  const dir = writeVariant((_vocab, tokens) => {
    for (const t of tokens) if (t.id >= yue) t.id += 1;
    tokens.push({ id: yue, content: '<|yue|>' });
  }, { is_multilingual: true, no_timestamps_token_id: shared.noTimestamps + 1 });
  try {
    const tok = await loadTokenizer(dir);
    assert.equal(tok.languageCodes.length, 100);
    assert.equal(tok.languageCodes.at(-1), 'yue');
    assert.equal(tok.languageToken('cantonese'), yue);
    assert.equal(tok.translate, shared.translate + 1);
    assert.equal(tok.noSpeech, shared.noSpeech + 1);
    assert.equal(tok.timestampBegin, shared.timestampBegin + 1);
    assert.equal(tok.vocabSize, 51866);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a generation config that contradicts the tokenizer files is a TokenizerError', async () => {
  const dir = writeVariant(() => undefined, { decoder_start_token_id: 1234 });
  try {
    await assert.rejects(loadTokenizer(dir), (e: Error & { code?: string }) => {
      assert.equal(e.name, 'TokenizerError');
      assert.equal(e.code, 'TOKENIZER_INCONSISTENT');
      assert.match(e.message, /<\|startoftranscript\|>/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
