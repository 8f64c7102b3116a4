/**
 * Parity with OpenAI's reference outputs on the random-weight dev model (a subset: 4 of the 10 decode cases and the
 * first 3 windows of one variant; `npm run parity:decode` runs every case and variant). Identical tokens and decisions; numbers within 1e-3.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncoderOutput } from '../../runtime/types.js';
import { sequentialStrategy } from '../sequential.js';
import { compareDecodeCase, compareTranscription } from './compare.js';
import type { ParityReport } from './compare.js';
import { loadDevModel, optionsForVariant, readReferenceJson, readReferenceMel, runDecodeCase } from './load-reference.js';
import type { DevModel, RefDecodeFile, RefTranscribeFile } from './load-reference.js';

let dev: DevModel;
const encoded = new Map<string, EncoderOutput>();

before(async () => {
  dev = await loadDevModel({ intraOpNumThreads: 1 });
  for (const audio of ['jfk', 'long']) encoded.set(audio, await dev.model.encoder.encode(readReferenceMel(`mel_${audio}_w0.bin`).data, 1));
});
after(async () => {
  await dev.model.dispose();
});

function assertPassed(report: ParityReport): void {
  assert.deepEqual(report.failures, [], report.name);
  assert.deepEqual(report.notes, [], `${report.name}: no exception expected`);
  assert.ok(report.checks >= 6, `${report.name}: ${report.checks} checks`);
}

for (const [audio, name] of [
  ['jfk', 'greedy_ts'],
  ['long', 'greedy_ts'],
  ['long', 'greedy_no_ts_detect_language'],
  ['long', 'beam5_no_ts'],
] as const) {
  test(`decode ${audio}/${name} matches OpenAI token for token`, async () => {
    const refCase = readReferenceJson<RefDecodeFile>(`decode_${audio}.json`).cases[name];
    assert.ok(refCase !== undefined);
    const ours = await runDecodeCase(dev, encoded.get(audio) as EncoderOutput, refCase);
    assertPassed(compareDecodeCase(name, refCase, ours));
  });
}

test('transcribe t0: the first three windows (seek, prompts, fallback decisions, segments) match OpenAI', async () => {
  const ref = readReferenceJson<RefTranscribeFile>('transcribe_long_t0.json');
  const windows = 3;
  const clipEndSec = ((ref.windows[windows - 1]?.seek ?? 0) + 3000) / 100;
  const mel = readReferenceMel('mel_long_full.bin');
  const ctx = { encoder: dev.model.encoder, decoder: dev.model.decoder, tokenizer: dev.tokenizer };
  const ours = await sequentialStrategy.transcribe(ctx, { audio: { samples: new Float32Array(0), sampleRate: 16_000 }, mel }, {
    ...optionsForVariant(ref),
    clipTimestampsSec: [0, clipEndSec],
  });
  const report = compareTranscription('t0 first windows', ref, ours, windows);
  assert.deepEqual(report.failures, []);
  assert.ok(report.checks > 30, `${report.checks} checks`);
  assert.equal(report.notes.length, 1, 'only the note on the segments left out');
});
