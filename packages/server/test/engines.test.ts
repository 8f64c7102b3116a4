/**
 * The inline and worker engines give the same transcript, and the worker engine carries typed errors and
 * cancellation across the thread boundary. Dev model (gibberish text).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '@cephalon/stt';
import { RequestAbortedError } from '../src/api-error.js';
import { createInlineEngine } from '../src/engine/inline-engine.js';
import { createWorkerEngine } from '../src/engine/worker-engine.js';
import type { SpeechEngine } from '../src/engine/engine.js';
import { MODEL_DIR, toneWav } from './support.js';

let inline: SpeechEngine;
let worker: SpeechEngine;
const never = new AbortController().signal;

before(async () => {
  [inline, worker] = await Promise.all([createInlineEngine({ model: MODEL_DIR }), createWorkerEngine({ model: MODEL_DIR })]);
});
after(async () => {
  await Promise.all([inline.dispose(), worker.dispose()]);
});

test('inline and worker engines: the same transcript and the same segment events', async () => {
  const audio = toneWav(1);
  const seen: string[][] = [[], []];
  const [a, b] = [
    await inline.transcribe({ audio, options: { language: 'en' }, maxAudioSec: 60, signal: never, onSegment: (s) => seen[0]?.push(s.text) }),
    await worker.transcribe({ audio, options: { language: 'en' }, maxAudioSec: 60, signal: never, onSegment: (s) => seen[1]?.push(s.text) }),
  ];
  assert.deepEqual(b, a);
  assert.deepEqual(seen[1], seen[0]);
  assert.deepEqual(seen[0], a.segments.map((s) => s.text));
});

test('worker engine: typed errors and cancellation cross the thread boundary', async () => {
  await assert.rejects(
    worker.transcribe({ audio: toneWav(2), options: {}, maxAudioSec: 1, signal: never }),
    (e: unknown) => e instanceof InvalidOptionError && e.code === 'AUDIO_TOO_LONG',
  );
  const controller = new AbortController();
  const pending = worker.transcribe({ audio: toneWav(1), options: {}, maxAudioSec: 60, signal: controller.signal });
  controller.abort(new RequestAbortedError('timeout'));
  await assert.rejects(pending, (e: unknown) => e instanceof RequestAbortedError && e.reason === 'timeout');
});
