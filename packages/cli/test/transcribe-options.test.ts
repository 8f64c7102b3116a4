import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '@cephalon/stt';
import { parseCommandArgs } from '../src/args.js';
import { TRANSCRIBE_OPTIONS, temperatureLadder, transcribePlan } from '../src/commands/transcribe-options.js';

function plan(args: string[]): ReturnType<typeof transcribePlan> {
  return transcribePlan(parseCommandArgs('transcribe', args, TRANSCRIBE_OPTIONS, true).options);
}

test('no options passes no decoding options, so the library (OpenAI) defaults apply', () => {
  const p = plan(['a.wav']);
  assert.deepEqual(p.options, {});
  assert.deepEqual(p.audio, {});
  assert.deepEqual(p.formats, ['txt', 'vtt', 'srt', 'tsv', 'json']);
  assert.equal(p.outputDir, '.');
  assert.equal(p.model, 'turbo');
  assert.equal(p.verbose, false);
});

test('every decoding option maps to its library field', () => {
  const p = plan([
    'a.wav', '--language', 'English', '--task', 'translate', '--temperature', '0.2', '--temperature-increment-on-fallback', '0.4',
    '--best-of', '3', '--beam-size', '4', '--patience', '1.5', '--length-penalty', '0.6', '--compression-ratio-threshold', 'none',
    '--logprob-threshold', '-0.5', '--no-speech-threshold', '0.3', '--initial-prompt', 'Hello.', '--carry-initial-prompt',
    '--condition-on-previous-text', 'False', '--suppress-tokens', '-1,50', '--clip-timestamps', '0,5',
    '--sample-len', '100', '--without-timestamps', '--repetition-penalty', '1.2', '--no-repeat-ngram-size', '3',
  ]);
  assert.deepEqual(p.options, {
    language: 'en',
    task: 'translate',
    temperature: [0.2, 0.6, 1],
    decoding: { kind: 'beam', beamSize: 4, patience: 1.5 },
    bestOf: 3,
    lengthPenalty: 0.6,
    compressionRatioThreshold: null,
    logprobThreshold: -0.5,
    noSpeechThreshold: 0.3,
    initialPrompt: 'Hello.',
    carryInitialPrompt: true,
    conditionOnPreviousText: false,
    suppressTokens: '-1,50',
    clipTimestamps: '0,5',
    sampleLen: 100,
    withoutTimestamps: true,
    repetitionPenalty: 1.2,
    noRepeatNgramSize: 3,
  });
});

test('model, runtime, output and line options', () => {
  const p = plan(['a.wav', '-m', 'tiny.en', '--dtype', 'quantized', '--device', 'cpu', '-t', '2', '-f', 'srt', '-o', 'out', '-v',
    '--max-line-width', '42', '--max-line-count', '2', '--highlight-words', '--language', 'auto']);
  assert.equal(p.model, 'tiny.en');
  assert.equal(p.dtype, 'quantized');
  assert.equal(p.device, 'cpu');
  assert.equal(p.threads, 2);
  assert.deepEqual(p.formats, ['srt']);
  assert.equal(p.outputDir, 'out');
  assert.equal(p.verbose, true);
  assert.deepEqual(p.writer, { maxLineWidth: 42, maxLineCount: 2, highlightWords: true });
  assert.deepEqual(p.options, {});
  assert.deepEqual(p.warnings, []);
  assert.deepEqual(plan(['a.wav', '--max-line-count', '2']).warnings, ['--max-line-count has no effect without --max-line-width']);
  assert.equal(plan(['a.wav', '--threads', '0']).threads, undefined);
  assert.deepEqual(plan(['a.wav', '--high-pass', '100', '--normalize-dbfs', '-1']).audio, {
    highPass: { cutoffHz: 100 },
    normalize: { kind: 'peak', targetDbfs: -1 },
  });
});

test('temperature ladder follows OpenAI CLI arange(t, 1.0 + 1e-6, step)', () => {
  assert.deepEqual(temperatureLadder(0, 0.2), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(temperatureLadder(0.5, 0.25), [0.5, 0.75, 1]);
  assert.deepEqual(temperatureLadder(0.3, null), [0.3]);
  assert.deepEqual(temperatureLadder(0.3, 0), [0.3]);
  assert.deepEqual(plan(['a.wav', '--temperature-increment-on-fallback', 'none']).options.temperature, [0]);
  assert.deepEqual(plan(['a.wav', '--temperature', '0.9']).options.temperature, [0.9]);
  assert.throws(() => temperatureLadder(0, -0.2), InvalidOptionError);
});

test('negative numbers may follow their option as the next argument', () => {
  assert.equal(plan(['a.wav', '--logprob-threshold', '-1.5']).options.logprobThreshold, -1.5);
  assert.equal(plan(['a.wav', '--logprob-threshold=-2']).options.logprobThreshold, -2);
  assert.deepEqual(plan(['a.wav', '--suppress-tokens', '-1']).options.suppressTokens, '-1');
});

test('--strategy chunked builds the chunked-overlap strategy; its settings without it are a usage error', () => {
  assert.equal(plan(['a.wav']).options.strategy, undefined);
  assert.equal(plan(['a.wav', '--strategy', 'sequential']).options.strategy, undefined);
  const chunked = plan(['a.wav', '--strategy', 'chunked', '--chunk-length', '20', '--overlap', '3', '--merge', 'lcs', '--no-cleanup']);
  assert.equal(chunked.options.strategy?.name, 'chunked-overlap');
  assert.throws(() => plan(['a.wav', '--overlap', '3']), InvalidOptionError);
  assert.throws(() => plan(['a.wav', '--strategy', 'chunked', '--merge', 'nope']), InvalidOptionError);
});

test('word-timestamp options map to the library; the threshold needs --word-timestamps; punctuation alone warns', () => {
  const p = plan(['a.wav', '--word-timestamps', '--prepend-punctuations', '"(', '--append-punctuations', '.,', '--hallucination-silence-threshold', '2']);
  assert.deepEqual(p.options, { wordTimestamps: true, prependPunctuations: '"(', appendPunctuations: '.,', hallucinationSilenceThreshold: 2 });
  assert.deepEqual(p.warnings, []);
  assert.throws(() => plan(['a.wav', '--hallucination-silence-threshold', '2']), InvalidOptionError);
  assert.deepEqual(plan(['a.wav', '--append-punctuations', '.']).warnings, ['--prepend-punctuations and --append-punctuations have no effect without --word-timestamps']);
});
