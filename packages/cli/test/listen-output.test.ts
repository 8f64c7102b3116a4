import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { StreamEvent, StreamWord } from '@cephalon/stt';
import { eventJson, humanPrinter } from '../src/listen/output.js';

const word = (text: string, startSec: number, endSec: number): StreamWord => ({ text, startSec, endSec, timing: 'estimated' });
const at = { audioSec: 3.14159, wallSec: 2.71828 };
const EVENTS: StreamEvent[] = [
  { ...at, type: 'speech-start', startSec: 0.5 },
  { ...at, type: 'partial', text: 'hello wor', words: [word('hello', 0.5, 0.9), word('wor', 0.9, 1.2)] },
  { ...at, type: 'commit', text: 'hello', words: [word('hello', 0.5, 0.9)], startSec: 0.5, endSec: 0.9, reason: 'agreement' },
  { ...at, type: 'partial', text: 'world', words: [word('world', 0.9, 1.3)] },
  { ...at, type: 'commit', text: 'world', words: [word('world', 0.9, 1.3)], startSec: 0.9, endSec: 1.3, reason: 'speech-end' },
  { ...at, type: 'partial', text: '', words: [] },
  { ...at, type: 'speech-end', endSec: 1.4 },
  { ...at, type: 'final', text: 'hello world', words: [word('hello', 0.5, 0.9), word('world', 0.9, 1.3)], aborted: false, decodes: 3 },
];

class Sink extends Writable {
  text = '';
  constructor(readonly isTTY: boolean, readonly columns = 80) {
    super();
  }
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

test('jsonl events carry type, text, start, end, audioSec, wallSec (ms precision)', () => {
  assert.deepEqual(EVENTS.map(eventJson).map((e) => Object.keys(e).slice(0, 6)), EVENTS.map(() => ['type', 'text', 'start', 'end', 'audioSec', 'wallSec']));
  assert.deepEqual(eventJson(EVENTS[2] as StreamEvent), { type: 'commit', text: 'hello', start: 0.5, end: 0.9, audioSec: 3.142, wallSec: 2.718, reason: 'agreement' });
  assert.deepEqual(eventJson(EVENTS[7] as StreamEvent), { type: 'final', text: 'hello world', start: 0.5, end: 1.3, audioSec: 3.142, wallSec: 2.718, aborted: false });
});

test('human output: one line per utterance when not a terminal; redrawn in place with the partial dimmed on one', () => {
  const plain = new Sink(false);
  const p = humanPrinter(plain);
  for (const e of EVENTS) p.print(e);
  assert.equal(plain.text, 'hello world\n');
  const tty = new Sink(true);
  const t = humanPrinter(tty);
  for (const e of EVENTS) t.print(e);
  const frames = tty.text.split('\r\x1b[K').slice(1);
  assert.deepEqual(frames, ['\x1b[2mhello wor\x1b[0m', 'hello', 'hello \x1b[2mworld\x1b[0m', 'hello world', 'hello world', 'hello world\n']);
});
