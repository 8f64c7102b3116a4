import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AudioDecodeError,
  BenchDataError,
  CephalonError,
  DownloadError,
  InvalidOptionError,
  MissingToolError,
  ModelCorruptError,
  ModelNotFoundError,
  RuntimeError,
  TokenizerError,
} from '@cephalon/stt';
import { EXIT } from '../src/command.js';
import { errorLine, exitCodeFor } from '../src/errors.js';
import { ProgressBar, secondsAmount } from '../src/progress-bar.js';
import { captureIo } from './capture-io.js';

test('each error kind has its own exit code', () => {
  const cases: [unknown, number][] = [
    [new InvalidOptionError('X', 'm'), EXIT.usage],
    [new AudioDecodeError('X', 'm'), EXIT.inputError],
    [new BenchDataError('X', 'm'), EXIT.inputError],
    [new ModelNotFoundError('X', 'm'), EXIT.modelError],
    [new ModelCorruptError('X', 'm'), EXIT.modelError],
    [new TokenizerError('X', 'm'), EXIT.modelError],
    [new RuntimeError('X', 'm'), EXIT.modelError],
    [new DownloadError('X', 'm'), EXIT.networkError],
    [new MissingToolError('X', 'm'), EXIT.failure],
    [new CephalonError('X', 'm'), EXIT.failure],
    [new TypeError('boom'), EXIT.failure],
  ];
  for (const [error, code] of cases) assert.equal(exitCodeFor(error), code, String(error));
});

test('errors print as one line with the hint in parentheses', () => {
  const e = new ModelNotFoundError('X', 'model foo\nnot found', { hint: 'pass a local folder.' });
  assert.equal(errorLine(e), 'cephalon: model foo not found (pass a local folder)\n');
  assert.equal(errorLine(new AudioDecodeError('X', 'bad audio')), 'cephalon: bad audio\n');
  assert.match(errorLine(new TypeError('boom')), /^cephalon: unexpected error: boom \(.*\)\n$/);
});

test('progress bar on a terminal redraws one line in place', () => {
  const c = captureIo({}, process.cwd(), true);
  const bar = new ProgressBar(c.io.stderr, 'a.wav', secondsAmount, { width: 10 });
  bar.update(0, 60);
  bar.update(30, 60);
  bar.update(30, 60);
  bar.update(60, 60);
  bar.finish();
  const frames = c.stderr().split('\r\x1b[K').filter((f) => f.length > 0);
  assert.deepEqual(frames, [
    'a.wav [----------] 0.0/60.0 s   0%',
    'a.wav [#####-----] 30.0/60.0 s  50%',
    'a.wav [##########] 60.0/60.0 s 100%\n',
  ]);
});

test('progress bar without a terminal prints at most one plain line per tenth', () => {
  const c = captureIo();
  const bar = new ProgressBar(c.io.stderr, 'long.wav', secondsAmount);
  for (let done = 0; done <= 600; done += 7) bar.update(done, 600);
  bar.update(600, 600);
  bar.finish();
  const lines = c.stderr().split('\n').filter((l) => l.length > 0);
  assert.equal(lines.length, 10);
  assert.ok(!c.stderr().includes('\r'));
  assert.equal(lines[0], 'long.wav: 63.0/600.0 s (10%)');
  assert.equal(lines[9], 'long.wav: 600.0/600.0 s (100%)');
});
