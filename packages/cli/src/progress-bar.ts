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
  #lastDrawn = '';
  #lastStep = 0;
  #open = false;

  constructor(stream: NodeJS.WritableStream, label: string, format: AmountFormat, options: ProgressBarOptions = {}) {
    this.#stream = stream;
    this.#label = label;
    this.#format = format;
    this.#tty = options.tty ?? isTty(stream);
    this.#width = options.width ?? DEFAULT_WIDTH;
  }

  /** Reports `done` of `total` (same unit). */
  update(done: number, total: number): void {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const percent = Math.floor(fraction * 100);
    const amount = this.#format(Math.min(done, total), total);
    if (this.#tty) {
      const filled = Math.round(fraction * this.#width);
      const line = `${this.#label} [${'#'.repeat(filled)}${'-'.repeat(this.#width - filled)}] ${amount} ${String(percent).padStart(3)}%`;
      if (line === this.#lastDrawn) return;
      this.#stream.write(`${CLEAR_LINE}${line}`);
      this.#lastDrawn = line;
      this.#open = true;
      return;
    }
    const step = Math.floor(percent / PLAIN_STEP_PERCENT);
    if (step <= this.#lastStep) return;
    this.#lastStep = step;
    this.#stream.write(`${this.#label}: ${amount} (${percent}%)\n`);
  }

  /** Ends the bar: on a terminal, moves to a new line so later output does not overwrite it. */
  finish(): void {
    if (this.#tty && this.#open) this.#stream.write('\n');
    this.#open = false;
  }
}
