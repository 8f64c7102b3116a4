/** The progress bar's speed (audio seconds per second) and time left, with a fake clock. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockText, ProgressBar, secondsAmount } from '../src/progress-bar.js';
import { captureIo } from './capture-io.js';

test('speed and ETA come from the work done per elapsed second', () => {
  let now = 0;
  const c = captureIo();
  const bar = new ProgressBar(c.io.stderr, 'a.wav', secondsAmount, { rateUnit: 's/s', now: () => now });
  now = 10_000; // 10 s for 30 of 120 audio seconds: 3 s/s, 90 s left -> 30 s
  bar.update(30, 120);
  now = 20_000;
  bar.update(60, 120);
  assert.equal(c.stderr(), 'a.wav: 30.0/120.0 s (25%) 3.00 s/s ETA 0:30\na.wav: 60.0/120.0 s (50%) 3.00 s/s ETA 0:20\n');
  assert.deepEqual([clockText(0), clockText(59.6), clockText(61), clockText(3725)], ['0:00', '1:00', '1:01', '1:02:05']);
});

test('on a terminal, lines printed above the bar clear it first and redraw it after', () => {
  const c = captureIo({}, process.cwd(), true);
  const bar = new ProgressBar(c.io.stderr, 'a.wav', secondsAmount, { width: 4 });
  bar.update(5, 10);
  bar.printAbove(() => c.io.stderr.write('[segment]\n'));
  assert.equal(c.stderr(), '\r\x1b[Ka.wav [##--] 5.0/10.0 s  50%\r\x1b[K[segment]\na.wav [##--] 5.0/10.0 s  50%');
});
