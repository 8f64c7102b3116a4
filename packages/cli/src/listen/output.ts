/**
 * How `cephalon listen` prints events: `jsonl` (one event per line) or the human line (committed text of the
 * current utterance plus the partial, redrawn in place on a terminal; plain lines otherwise).
 */
import type { StreamEvent } from '@cephalon/stt';

const ms = (sec: number): number => Math.round(sec * 1000) / 1000;

/** The JSON line of an event: `{ type, text, start, end, audioSec, wallSec }` (+ `reason` / `aborted`). */
export function eventJson(e: StreamEvent): Record<string, unknown> {
  const base = { type: e.type, audioSec: ms(e.audioSec), wallSec: ms(e.wallSec) };
  switch (e.type) {
    case 'speech-start':
      return { type: e.type, text: '', start: ms(e.startSec), end: ms(e.startSec), audioSec: base.audioSec, wallSec: base.wallSec };
    case 'speech-end':
      return { type: e.type, text: '', start: ms(e.endSec), end: ms(e.endSec), audioSec: base.audioSec, wallSec: base.wallSec };
    case 'partial':
    case 'final': {
      const first = e.words[0];
      const last = e.words[e.words.length - 1];
      const span = { start: first === undefined ? null : ms(first.startSec), end: last === undefined ? null : ms(last.endSec) };
      return { type: e.type, text: e.text, ...span, audioSec: base.audioSec, wallSec: base.wallSec, ...(e.type === 'final' ? { aborted: e.aborted } : {}) };
    }
    case 'commit':
      return { type: e.type, text: e.text, start: ms(e.startSec), end: ms(e.endSec), audioSec: base.audioSec, wallSec: base.wallSec, reason: e.reason };
  }
}

export interface EventPrinter {
  print(e: StreamEvent): void;
}

export function jsonlPrinter(out: NodeJS.WritableStream): EventPrinter {
  return { print: (e) => void out.write(`${JSON.stringify(eventJson(e))}\n`) };
}

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * Terminal: `\r` + the utterance's committed text + the partial (dimmed), cut to the terminal width from the
 * left; a newline when an utterance ends. Not a terminal: one line per utterance, when it ends.
 */
export function humanPrinter(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }): EventPrinter {
  const tty = out.isTTY === true;
  let committed = '';
  let partial = '';
  const draw = (): void => {
    const width = Math.max(20, (out.columns ?? 100) - 1);
    const text = partial === '' ? committed : `${committed}${committed === '' ? '' : ' '}${partial}`;
    const cut = text.length > width ? `…${text.slice(text.length - width + 1)}` : text;
    const split = Math.max(0, cut.length - partial.length);
    out.write(`\r\x1b[K${cut.slice(0, split)}${partial === '' ? '' : `${DIM}${cut.slice(split)}${RESET}`}`);
  };
  const endLine = (): void => {
    if (tty) {
      partial = '';
      if (committed !== '') {
        draw();
        out.write('\n');
      }
    } else if (committed !== '') {
      out.write(`${committed}\n`);
    }
    committed = '';
    partial = '';
  };
  return {
    print(e) {
      if (e.type === 'commit') {
        committed = committed === '' ? e.text : `${committed} ${e.text}`;
        partial = ''; // the partial held these words; the next partial event follows in the same step
      }
      else if (e.type === 'partial') partial = e.text;
      if (e.type === 'speech-end' || e.type === 'final') endLine();
      else if (tty && (e.type === 'commit' || e.type === 'partial')) draw();
    },
  };
}
