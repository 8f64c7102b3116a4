import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolveVadOptions } from './options.js';
import type { VadOptions } from './options.js';
import { frameCount, regionsFromProbabilities } from './regions.js';

interface Case {
  readonly options: Record<string, number | null>;
  readonly totalSamples: number;
  readonly probs: number[];
  readonly regions: [number, number][];
}

/** Produced by scripts/vad-regions-reference.py: faster-whisper's own get_speech_timestamps on stub probabilities. */
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/vad/faster-whisper-regions.json', import.meta.url), 'utf8')) as { cases: Case[] };

const NAMES: Record<string, keyof VadOptions> = {
  threshold: 'threshold',
  neg_threshold: 'negThreshold',
  min_speech_duration_ms: 'minSpeechDurationMs',
  max_speech_duration_s: 'maxSpeechDurationS',
  min_silence_duration_ms: 'minSilenceDurationMs',
  speech_pad_ms: 'speechPadMs',
};

function toOptions(o: Record<string, number | null>): VadOptions {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) out[NAMES[k] as string] = v === null ? Number.POSITIVE_INFINITY : v;
  return out as VadOptions;
}

test('regions equal faster-whisper get_speech_timestamps on the same probabilities', () => {
  assert.ok(fixture.cases.length >= 40);
  let regions = 0;
  for (const [i, c] of fixture.cases.entries()) {
    assert.equal(c.probs.length, frameCount(c.totalSamples, 512), `case ${i}: frame count`);
    const got = regionsFromProbabilities(c.probs, c.totalSamples, resolveVadOptions(toOptions(c.options)), { sampleRate: 16000, frameSamples: 512 });
    assert.deepEqual(got.map((r) => [r.start, r.end]), c.regions, `case ${i} (${JSON.stringify(c.options)})`);
    regions += c.regions.length;
  }
  assert.ok(regions > 100, 'the fixture exercises many regions');
});

test('faster-whisper pads every signal: a whole last frame adds one frame', () => {
  assert.equal(frameCount(1024, 512), 3);
  assert.equal(frameCount(1023, 512), 2);
  assert.equal(frameCount(0, 512), 1);
});
