import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTranscript } from '@cephalon/stt';
import type { Transcript } from '@cephalon/stt';
import { outputBasename, writeOutputs } from '../src/write-outputs.js';

const TRANSCRIPT: Transcript = {
  text: ' Hello there.',
  language: 'en',
  durationSec: 2,
  segments: [
    { id: 0, seek: 0, startSec: 0, endSec: 1.5, text: ' Hello there.', tokenIds: [50364, 2425, 50439], tokens: [], temperature: 0, avgLogprob: -0.2, compressionRatio: 0.8, noSpeechProb: 0.01 },
  ],
};

test('outputBasename drops the folder and the last extension, as OpenAI names outputs', () => {
  assert.equal(outputBasename('talks/jfk.wav'), 'jfk');
  assert.equal(outputBasename('/a/b/meeting.2024.flac'), 'meeting.2024');
  assert.equal(outputBasename('noext'), 'noext');
});

test('writeOutputs creates the folder and writes each format, nothing else', async () => {
  const root = await mkdtemp(join(tmpdir(), 'cephalon-write-'));
  try {
    const dir = join(root, 'nested', 'out');
    const written = await writeOutputs(TRANSCRIPT, ['srt', 'json', 'txt'], dir, 'talk');
    assert.deepEqual(written, ['srt', 'json', 'txt'].map((f) => join(dir, `talk.${f}`)));
    assert.deepEqual((await readdir(dir)).sort(), ['talk.json', 'talk.srt', 'talk.txt']);
    assert.equal(await readFile(join(dir, 'talk.srt'), 'utf8'), '1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n');
    assert.equal(await readFile(join(dir, 'talk.json'), 'utf8'), formatTranscript(TRANSCRIPT, 'json'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
