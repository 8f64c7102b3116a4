/**
 * Acceptance (a): the streaming policy against a scripted engine that hears a known word timeline up to the
 * buffer end and garbles the last 0.5 s. Committed words must equal the timeline exactly (no duplicate, no
 * dropped word) for chunks of 0.1–2 s in any split, and every word must be committed within the policy bound:
 *   every word:                  lag < max(A, S)
 *   words committed by agreement: lag < A = garble + n·(minStep + maxChunk)
 *   the last word of an utterance: lag < S = minSilence + 3·frame + maxChunk   (VAD-gated, 2·pad ≤ minSilence)
 * The VAD is the real online segmenter fed by a detector that knows where the words are.
 * (lag = audio received when the commit is emitted − end of the word).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SAMPLE_RATE } from '../core/constants.js';
import { resolvePolicy } from './options.js';
import { OnlineProcessor } from './processor.js';
import { makeTimeline, ScriptedEngine, ScriptedVad, type Timeline } from './test-support/scripted.js';
import { frameVadGate } from './vad-gate.js';
import type { StreamEvent } from './types.js';

const GARBLE_SEC = 0.5;
const MIN_SILENCE_SEC = 0.5;
const FRAME_SEC = 512 / SAMPLE_RATE;
const PAD_SEC = 0.03;

interface Run {
  readonly events: StreamEvent[];
  readonly engine: ScriptedEngine;
}

async function run(timeline: Timeline, chunkSec: readonly number[], policy: ReturnType<typeof resolvePolicy>, vad: boolean): Promise<Run> {
  const engine = new ScriptedEngine(timeline, GARBLE_SEC);
  const gate = vad ? frameVadGate(new ScriptedVad(timeline), { minSilenceDurationMs: MIN_SILENCE_SEC * 1000, speechPadMs: PAD_SEC * 1000 }) : null;
  const p = new OnlineProcessor({ engine, gate, policy });
  const total = Math.round(timeline.durationSec * SAMPLE_RATE);
  const events: StreamEvent[] = [];
  let at = 0;
  for (let i = 0; at < total; i++) {
    const n = Math.min(total - at, Math.max(1, Math.round((chunkSec[i % chunkSec.length] as number) * SAMPLE_RATE)));
    p.append(new Float32Array(n));
    at += n;
    events.push(...(await p.step()));
  }
  events.push(...(await p.finish()));
  return { events, engine };
}

function check(timeline: Timeline, r: Run, policy: ReturnType<typeof resolvePolicy>, maxChunkSec: number, vad: boolean): void {
  const commits = r.events.flatMap((e) => (e.type === 'commit' ? [e] : []));
  const committed = commits.flatMap((c) => c.words);
  assert.deepEqual(committed.map((w) => w.text), timeline.words.map((w) => w.text), 'committed words = timeline words');
  assert.deepEqual(committed.map((w) => [w.startSec, w.endSec]), timeline.words.map((w) => [w.startSec, w.endSec]), 'word times');
  const final = r.events[r.events.length - 1];
  assert.equal(final?.type, 'final');
  assert.equal(final.type === 'final' ? final.text : '', commits.map((c) => c.text).join(' '), 'final = concatenation of commits');
  for (let i = 1; i < commits.length; i++) assert.ok((commits[i]?.startSec as number) >= (commits[i - 1]?.endSec as number), 'commits do not overlap');
  assert.ok(commits.every((c) => c.reason !== 'buffer-limit'), 'no forced commit');
  const agreementBound = GARBLE_SEC + policy.agreement * (policy.minStepSec + maxChunkSec);
  const speechEndBound = MIN_SILENCE_SEC + 3 * FRAME_SEC + maxChunkSec;
  const lag = (c: (typeof commits)[number], w: (typeof committed)[number]): number => c.audioSec - w.endSec;
  for (const c of commits) {
    if (c.reason === 'end') continue; // committed when the stream ends, whatever the lag
    const bound = c.reason === 'agreement' ? agreementBound : Math.max(agreementBound, speechEndBound);
    for (const w of c.words) assert.ok(lag(c, w) < bound + 1e-6, `${c.reason} lag ${lag(c, w).toFixed(3)} s ≥ bound ${bound.toFixed(3)} s`);
    const last = c.words[c.words.length - 1];
    if (c.reason === 'speech-end' && last !== undefined) assert.ok(lag(c, last) < speechEndBound + 1e-6, `utterance end lag ${lag(c, last).toFixed(3)} s`);
  }
  // The prompt is the committed text just before the buffer.
  for (const call of r.engine.calls) {
    if (call.prompt === '') continue;
    assert.ok(call.prompt.length <= policy.promptChars);
    const words = call.prompt.split(' ');
    const lastBefore = committed.filter((w) => w.endSec <= call.offsetSec + 1e-9);
    assert.deepEqual(lastBefore.slice(-words.length).map((w) => w.text), words, 'prompt = committed words before the buffer');
  }
  if (vad) {
    for (const call of r.engine.calls) {
      assert.ok(timeline.words.some((w) => w.startSec < call.endSec && w.endSec > call.offsetSec), `decode of [${call.offsetSec}, ${call.endSec}] holds no speech`);
    }
  }
}

const chunks = fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 1, maxLength: 8 });

test('LocalAgreement policy commits exactly the timeline, within the lag bound, for any chunking (VAD-gated)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer(), fc.integer({ min: 1, max: 80 }), chunks, fc.constantFrom(2, 3), fc.constantFrom(0.5, 1), async (seed, nWords, chunkSec, n, minStep) => {
      const timeline = makeTimeline(seed, nWords);
      const policy = resolvePolicy({ agreement: n, minStepSec: minStep });
      check(timeline, await run(timeline, chunkSec, policy, true), policy, Math.max(...chunkSec), true);
    }),
    { numRuns: 60 },
  );
});

test('without VAD the same holds (every step decodes; the stream end commits the rest)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer(), fc.integer({ min: 1, max: 60 }), chunks, async (seed, nWords, chunkSec) => {
      const timeline = makeTimeline(seed, nWords);
      const policy = resolvePolicy({ trimAfterSec: 8 });
      check(timeline, await run(timeline, chunkSec, policy, false), policy, Math.max(...chunkSec), false);
    }),
    { numRuns: 40 },
  );
});

test('silence costs nothing: a minute without speech makes no decoder call', async () => {
  const silence: Timeline = { words: [], durationSec: 60 };
  const r = await run(silence, [0.3], resolvePolicy(), true);
  assert.equal(r.engine.calls.length, 0);
  assert.deepEqual(r.events.map((e) => e.type), ['final']);
});

test('speech-start and speech-end surround every utterance, in time order', async () => {
  const timeline = makeTimeline(7, 60);
  const r = await run(timeline, [0.25], resolvePolicy(), true);
  const marks = r.events.filter((e) => e.type === 'speech-start' || e.type === 'speech-end').map((e) => e.type);
  assert.ok(marks.length >= 2);
  marks.forEach((m, i) => assert.equal(m, i % 2 === 0 ? 'speech-start' : 'speech-end'));
  const decodesPerSec = r.engine.calls.length / timeline.durationSec;
  assert.ok(decodesPerSec <= 1 / resolvePolicy().minStepSec + 0.5, `${decodesPerSec} decodes per second`);
});

test('when hypotheses never agree, the hard buffer limit commits the oldest words unagreed and the buffer stays within it', async () => {
  const timeline = makeTimeline(11, 150, 1);
  const engine = new ScriptedEngine(timeline, 1e9); // garbles everything, differently on every call
  const policy = resolvePolicy({ maxBufferSec: 10, trimAfterSec: 5 });
  const p = new OnlineProcessor({ engine, gate: null, policy });
  const events: StreamEvent[] = [];
  const total = Math.round(timeline.durationSec * SAMPLE_RATE);
  for (let at = 0; at < total; at += 8000) {
    p.append(new Float32Array(Math.min(8000, total - at)));
    events.push(...(await p.step()));
  }
  events.push(...(await p.finish()));
  for (const call of engine.calls) assert.ok(call.endSec - call.offsetSec <= policy.maxBufferSec + 1e-9, `buffer ${call.endSec - call.offsetSec} s`);
  const commits = events.flatMap((e) => (e.type === 'commit' ? [e] : []));
  assert.ok(commits.some((c) => c.reason === 'buffer-limit'));
  assert.ok(commits.every((c) => c.reason !== 'agreement'));
  for (let i = 1; i < commits.length; i++) assert.ok((commits[i]?.startSec as number) >= (commits[i - 1]?.endSec as number));
  const final = events[events.length - 1];
  assert.ok(final?.type === 'final' && final.text === commits.map((c) => c.text).join(' '));
  // Every timeline word reaches the transcript (garbled, as the engine heard it), once.
  assert.deepEqual(commits.flatMap((c) => c.words).map((w) => w.text.split('~')[0]), timeline.words.map((w) => w.text));
});
