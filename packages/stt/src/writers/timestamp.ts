/**
 * Time formatting shared by the writers, with OpenAI's rounding: `round(seconds * 1000)` in Python rounds half to
 * even, so `0.0005 s` and `0.0025 s` both become `0 ms`/`2 ms` exactly as OpenAI's writers print them.
 */
import { WriterInputError } from '../core/errors.js';

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Python's `round(x)` for a float: nearest integer, ties to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Whole milliseconds of a time in seconds, rounded as OpenAI's writers do. Throws `WriterInputError` on a bad time. */
export function toMilliseconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new WriterInputError('WRITER_BAD_TIME', `cannot write the time ${seconds} s: times must be finite and non-negative`, {
      hint: 'the transcript is malformed; check the segment and word times it holds',
      details: { seconds: Number.isFinite(seconds) ? seconds : String(seconds) },
    });
  }
  return roundHalfEven(seconds * MS_PER_SECOND);
}

/** How a subtitle format prints a time. */
export interface TimestampStyle {
  /** Print `00:` hours even below one hour (SRT); otherwise only when the time reaches an hour (VTT). */
  readonly alwaysIncludeHours: boolean;
  /** `,` for SRT, `.` for VTT. */
  readonly decimalMarker: ',' | '.';
}

export const SRT_TIMESTAMP: TimestampStyle = { alwaysIncludeHours: true, decimalMarker: ',' };
export const VTT_TIMESTAMP: TimestampStyle = { alwaysIncludeHours: false, decimalMarker: '.' };

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats seconds as `[HH:]MM:SS<marker>mmm`, as OpenAI's `format_timestamp`.
 * @example formatTimestamp(1.08, SRT_TIMESTAMP) // '00:00:01,080'
 * @example formatTimestamp(61.5, VTT_TIMESTAMP) // '01:01.500'
 */
export function formatTimestamp(seconds: number, style: TimestampStyle): string {
  let ms = toMilliseconds(seconds);
  const hours = Math.floor(ms / MS_PER_HOUR);
  ms -= hours * MS_PER_HOUR;
  const minutes = Math.floor(ms / MS_PER_MINUTE);
  ms -= minutes * MS_PER_MINUTE;
  const secs = Math.floor(ms / MS_PER_SECOND);
  ms -= secs * MS_PER_SECOND;
  const hoursPart = style.alwaysIncludeHours || hours > 0 ? `${pad(hours, 2)}:` : '';
  return `${hoursPart}${pad(minutes, 2)}:${pad(secs, 2)}${style.decimalMarker}${pad(ms, 3)}`;
}

/** Length in Unicode code points, as Python's `len(str)`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
