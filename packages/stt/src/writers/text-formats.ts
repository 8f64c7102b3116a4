/** The plain writers: txt (one segment per line) and tsv (integer milliseconds), as OpenAI's `WriteTXT`/`WriteTSV`. */
import type { Transcript } from '../core/types.js';
import { toMilliseconds } from './timestamp.js';

/**
 * One line per segment, trimmed.
 * @example toTxt(transcript) // 'And so my fellow Americans\nask not ...\n'
 */
export function toTxt(transcript: Transcript): string {
  return transcript.segments.map((s) => `${s.text.trim()}\n`).join('');
}

/**
 * A `start\tend\ttext` header, then one row per segment with times in integer milliseconds (tabs in text become spaces).
 * @example toTsv(transcript) // 'start\tend\ttext\n0\t1080\tAnd so\n'
 */
export function toTsv(transcript: Transcript): string {
  const rows = transcript.segments.map(
    (s) => `${toMilliseconds(s.startSec)}\t${toMilliseconds(s.endSec)}\t${s.text.trim().replaceAll('\t', ' ')}\n`,
  );
  return `start\tend\ttext\n${rows.join('')}`;
}
