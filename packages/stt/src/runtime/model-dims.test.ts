import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ModelCorruptError } from '../core/errors.js';
import { headDim, readModelDims } from './model-dims.js';

const CONFIG_PATH = new URL('../../../../../shared/models/whisper-dev-random/config.json', import.meta.url);
const configText = readFileSync(CONFIG_PATH, 'utf8');

test('reads whisper-dev-random config.json into the sizes its reference README states', () => {
  const dims = readModelDims(configText, 'config.json');
  assert.deepEqual(dims, { nMels: 80, nAudioCtx: 1500, nTextCtx: 448, dModel: 128, nDecoderLayers: 2, nDecoderHeads: 2, vocabSize: 51865 });
  assert.equal(headDim(dims), 64);
});

function expectCorrupt(input: string | object, pattern: RegExp): void {
  assert.throws(
    () => readModelDims(input, '/models/x/config.json'),
    (e: unknown) => e instanceof ModelCorruptError && e.message.startsWith('/models/x/config.json') && pattern.test(e.message) && e.details?.file === '/models/x/config.json',
  );
}

test('malformed JSON and non-objects are ModelCorruptError naming the file', () => {
  expectCorrupt('{"d_model": 12', /not valid JSON/);
  expectCorrupt('[1, 2]', /JSON object/);
});

test('missing, non-integer and non-positive fields are rejected by name', () => {
  const base = JSON.parse(configText) as Record<string, unknown>;
  expectCorrupt({ ...base, vocab_size: undefined }, /"vocab_size"/);
  expectCorrupt({ ...base, decoder_layers: 2.5 }, /"decoder_layers"/);
  expectCorrupt({ ...base, num_mel_bins: 0 }, /"num_mel_bins"/);
  expectCorrupt({ ...base, d_model: '128' }, /"d_model"/);
});

test('a non-Whisper config and an indivisible head count are rejected', () => {
  const base = JSON.parse(configText) as Record<string, unknown>;
  expectCorrupt({ ...base, model_type: 'bert' }, /model_type/);
  expectCorrupt({ ...base, d_model: 130, decoder_attention_heads: 4 }, /not divisible/);
});
