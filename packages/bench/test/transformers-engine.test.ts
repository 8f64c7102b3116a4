/**
 * transformers.js in-process on the shared random-weight model, local files only: its ASR pipeline on jfk.wav
 * must give the text recorded in the model's reference/transformers_js.json (language en, greedy, no timestamps).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createTransformersEngine } from '../src/index.js';

const MODEL = new URL('../../../../shared/models/whisper-dev-random', import.meta.url).pathname;
const JFK = `${MODEL}/audio/jfk.wav`;

test('transformers.js engine loads whisper-dev-random offline and reproduces the reference pipeline text', { skip: !existsSync(MODEL) && 'shared model missing', timeout: 120_000 }, async () => {
  const reference = JSON.parse(readFileSync(`${MODEL}/reference/transformers_js.json`, 'utf8')) as { pipeline: { jfk: { text: string } } };
  const engine = await createTransformersEngine({ name: 'tjs', modelDir: MODEL });
  try {
    assert.equal(engine.kind, 'transformers-js');
    const r = await engine.transcribe(JFK, { language: 'en', task: 'transcribe', return_timestamps: false });
    assert.equal(r.text, reference.pipeline.jfk.text.trim());
    assert.ok(r.peakMemoryBytes !== undefined && r.peakMemoryBytes > 0);
  } finally {
    await engine.close();
  }
});

test('transformers.js engine reports a missing model folder as ModelNotFoundError', async () => {
  await assert.rejects(createTransformersEngine({ name: 'tjs', modelDir: '/nonexistent/whisper-x' }), /transformers\.js could not load \/nonexistent\/whisper-x/);
});
