/**
 * Word granularity (`timestamp_granularities: ['word']`) through the official `openai` SDK on the timestamped dev
 * model (same random weights as the dev model, decoder with cross-attention outputs; gibberish text): the words equal
 * the library's `wordTimestamps: true` words for the same file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { createTranscriber, toVerboseJson } from '@cephalon/stt';
import type { VerboseJson } from '@cephalon/stt';
import type { SpeechServer } from '../src/index.js';
import { JFK_FLAC, startTestServer } from './support.js';

const TIMESTAMPED = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random_timestamped', import.meta.url));
let server: SpeechServer;
let client: OpenAI;
let reference: VerboseJson;

before(async () => {
  server = await startTestServer({ model: TIMESTAMPED });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  const transcriber = await createTranscriber({ model: TIMESTAMPED });
  const transcript = await transcriber.transcribe(JFK_FLAC, { wordTimestamps: true }).finally(() => transcriber.dispose());
  reference = toVerboseJson(transcript, { task: 'transcribe' });
});
after(async () => {
  await server.close();
});

test('word granularity returns the library word times (cross-attention DTW)', async () => {
  const r = await client.audio.transcriptions.create({
    file: createReadStream(JFK_FLAC),
    model: 'whisper-1',
    response_format: 'verbose_json',
    timestamp_granularities: ['word'],
  });
  assert.ok(reference.words !== undefined && reference.words.length > 0, 'the library produced words');
  assert.deepEqual(
    r.words?.map((w) => [w.word, w.start, w.end]),
    reference.words.map((w) => [w.word, w.start, w.end]),
  );
  assert.equal(r.segments, undefined, 'word granularity alone leaves segments out, as OpenAI does');
});
