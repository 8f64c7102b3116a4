/**
 * A progress bar on stderr. On a terminal it redraws one line in place; otherwise (a file, a pipe, CI logs) it
 * prints a plain line each time another tenth of the work is done, so logs stay short.
 */

/** How the amounts are printed (`5.2/11.0 s`, `12.5 MB/75.0 MB`). */
export type AmountFormat = (done: number, total: number) => string;

export interface ProgressBarOptions {
  /** Redraw in place (terminal) or print plain lines; default: whether the stream is a TTY. */
  readonly tty?: boolean;
  /** Characters of the bar itself on a terminal. */
  readonly width?: number;
  /** Show the speed (`done` units per wall second, with this unit, e.g. `s/s`) and the time left. */
  readonly rateUnit?: string;
  /** Milliseconds clock (tests pass a fake one); default `performance.now`. */
  readonly now?: () => number;
}

/** `m:ss` (or `h:mm:ss`) of a number of seconds. */
export function clockText(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Cells of the bar on a terminal. */
const DEFAULT_WIDTH = 30;
/** Plain mode prints once per this many percent. */
const PLAIN_STEP_PERCENT = 10;
const CLEAR_LINE = '\r\x1b[K';

/** Whether `stream` is a terminal. */
export function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Audio seconds: `5.2/11.0 s`. */
export const secondsAmount: AmountFormat = (done, total) => `${done.toFixed(1)}/${total.toFixed(1)} s`;

export class ProgressBar {
  readonly #stream: NodeJS.WritableStream;
  readonly #label: string;
  readonly #format: AmountFormat;
  readonly #tty: boolean;
  readonly #width: number;
  readonly #rateUnit: string | undefined;
  readonly #now: () => number;
  readonly #startMs: number;
  #lastDrawn = '';
  #lastStep = 0;
  #open = false;

  constructor(stream: NodeJS.WritableStream, label: string, format: AmountFormat, options: ProgressBarOptions = {}) {
    this.#stream = stream;
    this.#label = label;
    this.#format = format;
    this.#tty = options.tty ?? isTty(stream);
    this.#width = options.width ?? DEFAULT_WIDTH;
    this.#rateUnit = options.rateUnit;
    this.#now = options.now ?? (() => performance.now());
    this.#startMs = this.#now();
  }

  /** ` 3.10 s/s ETA 0:42` once some work is done; empty without a rate unit. */
  #rateText(done: number, total: number): string {
    if (this.#rateUnit === undefined) return '';
    const elapsedSec = (this.#now() - this.#startMs) / 1000;
    if (done <= 0 || elapsedSec <= 0) return ` -- ${this.#rateUnit} ETA --:--`;
    const rate = done / elapsedSec;
    return ` ${rate.toFixed(2)} ${this.#rateUnit} ETA ${clockText(Math.max(0, total - done) / rate)}`;
  }

  /** Reports `done` of `total` (same unit). */
  update(done: number, total: number): void {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const percent = Math.floor(fraction * 100);
    const amount = this.#format(Math.min(done, total), total);
    if (this.#tty) {
      const filled = Math.round(fraction * this.#width);
      const line = `${this.#label} [${'#'.repeat(filled)}${'-'.repeat(this.#width - filled)}] ${amount} ${String(percent).padStart(3)}%${this.#rateText(done, total)}`;
      if (line === this.#lastDrawn) return;
      this.#stream.write(`${CLEAR_LINE}${line}`);
      this.#lastDrawn = line;
      this.#open = true;
      return;
    }
    const step = Math.floor(percent / PLAIN_STEP_PERCENT);
    if (step <= this.#lastStep) return;
    this.#lastStep = step;
    this.#stream.write(`${this.#label}: ${amount} (${percent}%)${this.#rateText(done, total)}\n`);
  }

  /**
   * Runs `print` (which writes whole lines elsewhere, e.g. a segment on stdout) without tearing the bar: on a
   * terminal the bar is cleared first and redrawn after.
   */
  printAbove(print: () => void): void {
    if (!(this.#tty && this.#open)) {
      print();
      return;
    }
    this.#stream.write(CLEAR_LINE);
    print();
    this.#stream.write(this.#lastDrawn);
  }

  /** Ends the bar: on a terminal, moves to a new line so later output does not overwrite it. */
  finish(): void {
    if (this.#tty && this.#open) this.#stream.write('\n');
    this.#open = false;
  }
}
