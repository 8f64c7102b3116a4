import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '../core/errors.js';
import { createTranscriber } from './transcriber.js';
import type { Transcriber } from './transcriber.js';
import { createChunkedOverlapStrategy } from '../transcription/chunked-overlap/index.js';
import type { LogitCaptureFile } from '../research/index.js';
import { PLACE } from '../research/index.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random/', import.meta.url));
const JFK = `${MODEL_DIR}audio/jfk.wav`;
let transcriber: Transcriber;

before(async () => {
  transcriber = await createTranscriber({ model: MODEL_DIR, threads: 1 });
});
after(async () => {
  await transcriber.dispose();
});

test('captureLogits: default off; on, the transcript is identical and the accepted decodes hold its tokens', async () => {
  const base = { temperature: 0, sampleLen: 24, language: 'en' } as const;
  const plain = await transcriber.transcribeDetailed(JFK, base);
  assert.deepEqual(await transcriber.transcribeDetailed(JFK, { ...base, captureLogits: null }), plain);
  let file: LogitCaptureFile | undefined;
  const captured = await transcriber.transcribeDetailed(JFK, { ...base, captureLogits: { topK: 5, onCapture: (f) => (file = f) } });
  assert.deepEqual(captured, plain, 'capture on: same result');
  assert.ok(file !== undefined);
  assert.equal(file.source['placed'], true);
  assert.equal(file.vocab, 51865);
  const accepted = file.decodes.filter((d) => d.placement.accepted);
  assert.equal(accepted.length, plain.windows.length);
  plain.windows.forEach((w, i) => {
    const d = accepted[i];
    assert.ok(d !== undefined);
    const tokens = w.attempts[w.attempts.length - 1]?.result.tokens ?? [];
    assert.deepEqual([...d.tokens.subarray(0, tokens.length)], [...tokens]);
    assert.equal(d.placement.window, i);
    assert.equal(d.placement.startSec, w.timeOffsetSec);
  });
  await assert.rejects(transcriber.transcribe(JFK, { captureLogits: { topK: 0, onCapture: () => undefined } }), InvalidOptionError);
});

test('captureLogits with the chunked strategy: steps in the window overlap are flagged', async () => {
  let file: LogitCaptureFile | undefined;
  const strategy = createChunkedOverlapStrategy({ windowSec: 6, overlapSec: 2, priorTokens: 0 });
  await transcriber.transcribe(JFK, { temperature: 0, sampleLen: 24, language: 'en', strategy, captureLogits: { topK: 5, onCapture: (f) => (file = f) } });
  assert.ok(file !== undefined && file.source['placed'] === true);
  const places = file.decodes.flatMap((d) => [...d.places]);
  assert.ok(places.some((p) => p !== PLACE.unknown && (p & PLACE.prevOverlap) !== 0), 'some step lies in the overlap with the previous window');
  assert.ok(places.some((p) => p === PLACE.none), 'and some outside every overlap');
});
