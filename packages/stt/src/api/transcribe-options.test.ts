import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../core/errors.js';
import { OPENAI_TRANSCRIBE_DEFAULTS } from '../transcription/reference/load-reference.js';
import { resolveTranscribeOptions } from './transcribe-options.js';

test("defaults equal OpenAI transcribe()'s", () => {
  const { longForm } = resolveTranscribeOptions();
  assert.deepEqual(longForm.temperatures, [0, 0.2, 0.4, 0.6, 0.8, 1.0]);
  assert.deepEqual(longForm.thresholds, { compressionRatio: 2.4, logprob: -1.0, noSpeech: 0.6 });
  assert.equal(longForm.beam, null);
  assert.equal(longForm.bestOf, 1);
  assert.equal(longForm.language, null);
  assert.equal(longForm.task, 'transcribe');
  assert.equal(longForm.conditionOnPreviousText, true);
  assert.equal(longForm.lengthPenalty, null);
  assert.deepEqual(longForm.suppressTokens, [-1]);
  assert.equal(longForm.suppressBlank, true);
  assert.equal(longForm.withoutTimestamps, false);
  assert.equal(longForm.maxInitialTimestampSec, 1.0);
  assert.deepEqual(longForm.clipTimestampsSec, []);
  assert.ok(Object.isFrozen(longForm));
  // The same defaults the parity suite runs OpenAI's reference variants with, field for field.
  assert.deepEqual({ ...longForm }, { ...OPENAI_TRANSCRIBE_DEFAULTS });
});

test('OpenAI-style strings and single values are accepted', () => {
  const { longForm } = resolveTranscribeOptions({
    temperature: 0,
    clipTimestamps: '0,12.5,30',
    suppressTokens: '-1,220',
    language: 'auto',
    decoding: { kind: 'beam', beamSize: 5 },
    compressionRatioThreshold: null,
  });
  assert.deepEqual(longForm.temperatures, [0]);
  assert.deepEqual(longForm.clipTimestampsSec, [0, 12.5, 30]);
  assert.deepEqual(longForm.suppressTokens, [-1, 220]);
  assert.equal(longForm.language, null);
  assert.deepEqual(longForm.beam, { beamSize: 5, patience: 1 });
  assert.equal(longForm.thresholds.compressionRatio, null);
});

test('invalid options throw InvalidOptionError naming the field', () => {
  const bad: Array<[Parameters<typeof resolveTranscribeOptions>[0], string]> = [
    [{ temperature: [] }, 'temperature'],
    [{ temperature: -1 }, 'temperature'],
    [{ decoding: { kind: 'beam', beamSize: 0 } }, 'decoding.beamSize'],
    [{ decoding: { kind: 'beam', beamSize: 2, patience: 0.1 } }, 'decoding.patience'],
    [{ bestOf: 1.5 }, 'bestOf'],
    [{ lengthPenalty: 2 }, 'lengthPenalty'],
    [{ clipTimestamps: '5,x' }, 'clipTimestamps'],
    [{ clipTimestamps: [10, 5] }, 'clipTimestamps'],
    [{ noSpeechThreshold: 1.5 }, 'noSpeechThreshold'],
    [{ sampleLen: 1000 }, 'sampleLen'],
    [{ carryInitialPrompt: true }, 'carryInitialPrompt'],
    [{ task: 'summarize' as 'transcribe' }, 'task'],
    [{ hallucinationSilenceThreshold: 2 }, 'hallucinationSilenceThreshold'],
    [{ wordTimestamps: true, hallucinationSilenceThreshold: -1 }, 'hallucinationSilenceThreshold'],
    [{ wordTimestamps: true, appendPunctuations: 5 as unknown as string }, 'appendPunctuations'],
  ];
  for (const [options, field] of bad) {
    assert.throws(
      () => resolveTranscribeOptions(options),
      (e: unknown) => e instanceof InvalidOptionError && e.details?.['option'] === field,
      `expected InvalidOptionError for ${field}`,
    );
  }
});
