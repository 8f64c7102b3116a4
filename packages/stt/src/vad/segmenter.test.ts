import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveVadOptions } from './options.js';
import type { VadOptions } from './options.js';
import { regionsFromProbabilities } from './regions.js';
import { createSpeechSegmenter } from './segmenter.js';
import type { SampleRegion, SpeechEvent } from './types.js';

const FRAME = 512;

/** Probability runs (speech-like bursts, pauses, values between the thresholds) flattened to frames. */
const probabilities = fc
  .array(fc.record({ p: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.02, 0.4, 0.5, 0.9)), n: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 40 })
  .map((runs) => runs.flatMap((r) => Array.from({ length: r.n }, () => r.p)));

const options: fc.Arbitrary<VadOptions> = fc
  .record({
    threshold: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    negDelta: fc.option(fc.double({ min: 0, max: 0.3, noNaN: true }), { nil: undefined }),
    minSpeechDurationMs: fc.constantFrom(0, 32, 100, 250),
    maxSpeechDurationS: fc.constantFrom(Number.POSITIVE_INFINITY, 1, 2.5, 30),
    minSilenceDurationMs: fc.constantFrom(0, 100, 200, 2000),
    speechPadMs: fc.constantFrom(0, 30, 33.3, 100, 400),
  })
  .map(({ negDelta, threshold, ...rest }) => ({ ...rest, threshold, ...(negDelta === undefined ? {} : { negThreshold: Math.max(0, threshold - negDelta) }) }));

/** Runs the online segmenter and pairs its events into regions; checks the event order on the way. */
function online(probs: readonly number[], total: number, o: VadOptions): SampleRegion[] {
  const seg = createSpeechSegmenter({ ...o, frameSamples: FRAME });
  const events: SpeechEvent[] = [];
  for (const p of probs) events.push(...seg.push(p));
  events.push(...seg.finish(total));
  const regions: SampleRegion[] = [];
  for (let i = 0; i < events.length; i += 2) {
    const a = events[i] as SpeechEvent;
    const b = events[i + 1];
    assert.equal(a.type, 'speech-start');
    assert.equal(b?.type, 'speech-end');
    regions.push({ start: a.sample, end: (b as SpeechEvent).sample });
  }
  return regions;
}

test('the online segmenter gives the offline regions on the same probabilities', () => {
  fc.assert(
    fc.property(probabilities, options, fc.integer({ min: 0, max: FRAME - 1 }), (probs, o, tail) => {
      const total = (probs.length - 1) * FRAME + tail;
      const offline = regionsFromProbabilities(probs, total, resolveVadOptions(o), { sampleRate: 16000, frameSamples: FRAME });
      assert.deepEqual(online(probs, total, o), offline);
    }),
    { numRuns: 600, seed: 9 },
  );
});

test('speech-start comes out while the speech lasts, not at the end of the stream', () => {
  const seg = createSpeechSegmenter({ minSilenceDurationMs: 200, speechPadMs: 30 });
  const pushes = [0.01, 0.01, 0.9, 0.9, 0.9].map((p) => seg.push(p));
  const first = pushes.findIndex((e) => e.length > 0);
  assert.equal(first, 3); // confirmed at the first frame past the trigger (min speech 0 ms)
  assert.deepEqual(pushes[3]?.map((e) => [e.type, e.sample]), [['speech-start', 2 * FRAME - 480]]);
  // 200 ms of silence = 6.25 frames: the region ends at the 8th silent frame, its end settles two pads later.
  const after: SpeechEvent[] = [];
  for (let i = 0; i < 12; i++) after.push(...seg.push(0.01));
  assert.deepEqual(after.map((e) => [e.type, e.sample]), [['speech-end', 5 * FRAME + 480]]);
});

test('a region shorter than the minimum speech never emits', () => {
  const seg = createSpeechSegmenter({ minSpeechDurationMs: 250, minSilenceDurationMs: 100 });
  const events = [0.9, 0.9, 0.9, ...Array<number>(20).fill(0)].flatMap((p) => [...seg.push(p)]);
  assert.deepEqual([...events, ...seg.finish(23 * FRAME)], []);
});
