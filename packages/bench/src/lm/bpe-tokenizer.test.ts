// The byte-level BPE reader against transformers.js (the reference JS implementation of HF tokenizers) on the
// GPT-2-style tokenizer.json of the shared Whisper dev model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { TokenizerError } from '@cephalon/stt';
import { byteLevelBpeTokenizer, loadTokenizerJson } from './index.js';

const MODELS = new URL('../../../../../shared/models/', import.meta.url);
const TOKENIZER_JSON = fileURLToPath(new URL('whisper-dev-random/tokenizer.json', MODELS));
const TEXTS = [
  'And so my fellow Americans, ask not what your country can do for you.',
  "I can't believe it's 3.14159 — naïve café, 日本語のテキスト, emoji 🎉!",
  '  leading and   multiple spaces\tand\nnewlines  ',
  "they'll, we've, I'm, you'd; O'Neil's 1990s",
  'special <|endoftext|> inside',
  '',
];

test('byte-level BPE ids equal transformers.js for the Whisper (GPT-2 style) tokenizer.json', async () => {
  env.allowRemoteModels = false;
  env.localModelPath = fileURLToPath(MODELS);
  const reference = await AutoTokenizer.from_pretrained('whisper-dev-random');
  const ours = loadTokenizerJson(TOKENIZER_JSON);
  for (const text of TEXTS) {
    assert.deepEqual(ours.encode(text), reference.encode(text, { add_special_tokens: false }), JSON.stringify(text));
  }
});

test('unsupported tokenizer.json shapes are typed errors', () => {
  assert.throws(() => byteLevelBpeTokenizer({ model: { type: 'Unigram' } }), TokenizerError);
  assert.throws(() => byteLevelBpeTokenizer({ model: { type: 'BPE', merges: [] }, pre_tokenizer: { type: 'Metaspace' } }), TokenizerError);
});
