/**
 * `onSegment`: every segment of the result reaches the hook once, in order, before the progress event of its
 * window — what a server needs to stream text as it is decoded. Dev model (random weights, gibberish text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Segment } from '../core/types.js';
import { loadAudio } from '../audio/index.js';
import { createTranscriber } from './transcriber.js';

const MODEL_DIR = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random/', import.meta.url));
const JFK = `${MODEL_DIR}audio/jfk.wav`;

test('onSegment sees each segment once, in order, before the progress event of its window', async () => {
  const transcriber = await createTranscriber({ model: MODEL_DIR, threads: 1 });
  try {
    const jfk = await loadAudio(JFK);
    // Four copies back to back (44 s): two 30 s windows, so segments must arrive before the last event.
    const samples = new Float32Array(jfk.samples.length * 4);
    for (let i = 0; i < 4; i++) samples.set(jfk.samples, i * jfk.samples.length);
    const log: string[] = [];
    const seen: Segment[] = [];
    const t = await transcriber.transcribe(
      { samples, sampleRate: 16_000 },
      { language: 'en', temperature: 0, sampleLen: 32, onSegment: (s) => (seen.push(s), log.push(`s${s.id}`)), onProgress: (e) => log.push(`p${e.doneSec}`) },
    );
    assert.ok(t.segments.length > 1, `segments: ${t.segments.length}`);
    assert.deepEqual(seen, t.segments);
    assert.ok(log.at(-1)?.startsWith('p'), 'the last event is progress');
    assert.ok(log.some((e, i) => e.startsWith('s') && log[i + 1]?.startsWith('p') && i + 1 < log.length - 1), 'segments arrive before the end');
  } finally {
    await transcriber.dispose();
  }
});
