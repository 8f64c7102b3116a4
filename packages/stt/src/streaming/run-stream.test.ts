/**
 * Acceptance (c) and the input path: an abort mid-stream ends with `final` holding every committed word; chunks
 * of Int16 / raw bytes at other rates reach the processor exactly as the offline resampler would produce them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Resampler } from '../audio/index.js';
import { SAMPLE_RATE } from '../core/constants.js';
import { resolvePolicy } from './options.js';
import { PcmInput } from './pcm-input.js';
import { OnlineProcessor } from './processor.js';
import { runStream } from './run-stream.js';
import { makeTimeline, ScriptedEngine, ScriptedVad } from './test-support/scripted.js';
import type { StreamEvent } from './types.js';
import { frameVadGate } from './vad-gate.js';

/** The timeline's audio (silence; the scripted parts only look at time) in `chunkSec` pieces, `delayMs` apart. */
async function* chunks(durationSec: number, chunkSec: number, delayMs: number): AsyncGenerator<Float32Array> {
  const total = Math.round(durationSec * SAMPLE_RATE);
  const n = Math.round(chunkSec * SAMPLE_RATE);
  for (let at = 0; at < total; at += n) {
    if (delayMs > 0) await sleep(delayMs);
    yield new Float32Array(Math.min(n, total - at));
  }
}

test('abort mid-stream: final comes last, aborted, and holds every committed word', async () => {
  const timeline = makeTimeline(3, 200);
  const engine = new ScriptedEngine(timeline);
  const processor = new OnlineProcessor({ engine, gate: frameVadGate(new ScriptedVad(timeline)), policy: resolvePolicy() });
  const controller = new AbortController();
  const events: StreamEvent[] = [];
  for await (const e of runStream(chunks(timeline.durationSec, 0.2, 1), processor, { signal: controller.signal })) {
    events.push(e);
    if (events.filter((x) => x.type === 'commit').length === 5) controller.abort();
  }
  const final = events[events.length - 1];
  assert.ok(final?.type === 'final' && final.aborted);
  assert.equal(events.filter((e) => e.type === 'final').length, 1);
  const commits = events.flatMap((e) => (e.type === 'commit' ? [e] : []));
  assert.ok(commits.length >= 5);
  assert.equal(final.text, commits.map((c) => c.text).join(' '));
  assert.deepEqual(final.words, commits.flatMap((c) => c.words));
  assert.ok(final.audioSec < timeline.durationSec - 5, 'stopped early');
  // What was committed before the abort is the timeline's beginning, word for word; the abort then commits the
  // newest hypothesis as it stands (reason 'end', no further decode).
  const agreed = commits.filter((c) => c.reason !== 'end').flatMap((c) => c.words);
  assert.deepEqual(agreed.map((w) => w.text), timeline.words.slice(0, agreed.length).map((w) => w.text));
  assert.ok(commits.slice(0, -1).every((c) => c.reason !== 'end'));
});

test('abort while the source is silent and blocked still ends with final', async () => {
  const controller = new AbortController();
  async function* stalled(): AsyncGenerator<Float32Array> {
    yield new Float32Array(16000);
    await new Promise(() => undefined); // never yields again
  }
  const timeline = makeTimeline(1, 1);
  const processor = new OnlineProcessor({ engine: new ScriptedEngine(timeline), gate: null, policy: resolvePolicy() });
  setTimeout(() => controller.abort(), 50);
  const types: string[] = [];
  for await (const e of runStream(stalled(), processor, { signal: controller.signal })) types.push(e.type);
  assert.equal(types[types.length - 1], 'final');
});

test('the stream runs to the end without abort: final is the concatenation of commits and not aborted', async () => {
  const timeline = makeTimeline(5, 40);
  const processor = new OnlineProcessor({ engine: new ScriptedEngine(timeline), gate: frameVadGate(new ScriptedVad(timeline)), policy: resolvePolicy() });
  const events: StreamEvent[] = [];
  for await (const e of runStream(chunks(timeline.durationSec, 0.5, 0), processor)) events.push(e);
  const final = events[events.length - 1];
  assert.ok(final?.type === 'final' && !final.aborted);
  assert.deepEqual(final.words.map((w) => w.text), timeline.words.map((w) => w.text));
});

test('Int16 and raw s16le chunks at 48 kHz come out as the offline resampler of the whole signal', () => {
  const n = 48_000;
  const ints = Int16Array.from({ length: n }, (_, i) => Math.round(8000 * Math.sin(i / 7) + 3000 * Math.sin(i / 53)));
  const expected = new Resampler(48_000, SAMPLE_RATE).process(Float32Array.from(ints, (v) => v / 32768));
  const collect = (input: PcmInput, parts: readonly (Int16Array | Uint8Array)[]): Float32Array => {
    const out: number[] = [];
    for (const p of parts) out.push(...input.push(p));
    out.push(...input.flush());
    return Float32Array.from(out);
  };
  const int16Parts = [ints.subarray(0, 1000), ints.subarray(1000, 1001), ints.subarray(1001, 30_000), ints.subarray(30_000)];
  assert.deepEqual(collect(new PcmInput({ sampleRate: 48_000 }), int16Parts), expected);
  const bytes = new Uint8Array(ints.buffer);
  const byteParts = [bytes.subarray(0, 3), bytes.subarray(3, 2001), bytes.subarray(2001, 50_001), bytes.subarray(50_001)]; // odd cuts split samples
  assert.deepEqual(collect(new PcmInput({ pcm: { sampleType: 's16', sampleRate: 48_000, channels: 1 } }), byteParts), expected);
  assert.throws(() => new PcmInput().push(new Uint8Array(4)), /no PCM format was declared/);
});
