/**
 * Subtitle cues from a transcript, as OpenAI's `SubtitlesWriter.iterate_result`: one cue per segment without word
 * timings; with word timings, words are packed into lines and cues by the line options (width, count, words per
 * line), and `highlightWords` adds one cue per word with that word underlined.
 */
import type { Segment, Transcript, Word } from '../core/types.js';
import { codePointLength, formatTimestamp } from './timestamp.js';
import type { TimestampStyle } from './timestamp.js';

/** Line options of the SRT and VTT writers (OpenAI's `--max_line_width` ...). They need word timings. */
export interface SubtitleOptions {
  /** Characters per line before a line break (OpenAI `max_line_width`). */
  readonly maxLineWidth?: number;
  /** Lines per cue (OpenAI `max_line_count`); only with `maxLineWidth`. */
  readonly maxLineCount?: number;
  /** Words per line (OpenAI `max_words_per_line`); no effect with `maxLineWidth`. */
  readonly maxWordsPerLine?: number;
  /** Underline each word while it is spoken (OpenAI `highlight_words`). */
  readonly highlightWords?: boolean;
}

/** One subtitle cue with its times already formatted. */
export interface SubtitleCue {
  readonly start: string;
  readonly end: string;
  readonly text: string;
}

/** A word being placed, with the text it will print (a leading `\n` marks a line break). */
interface Placed {
  readonly word: string;
  readonly startSec: number;
  readonly endSec: number;
}

/** Width meaning "no limit", as OpenAI's `max_line_width or 1000`. */
const NO_LIMIT = 1000;
/** A gap longer than this starts a new cue when segments are not preserved (OpenAI's 3.0 s). */
const LONG_PAUSE_SEC = 3.0;
const HIGHLIGHT = /^(\s*)(.*)$/;
/**
 * A cue's text may not contain the timing arrow (WebVTT forbids it; players and ffmpeg read it as a new cue).
 * OpenAI replaces it in segment cues only; we replace it in word cues too, so word-mode VTT stays valid.
 */
const CUE_ARROW = '-->';
const SAFE_ARROW = '->';

function wordsOf(segment: Segment): readonly Word[] {
  return segment.words ?? [];
}

function firstWordStart(segments: readonly Segment[]): number | undefined {
  for (const s of segments) for (const w of wordsOf(s)) return w.startSec;
  return segments[0]?.startSec;
}

interface PackState {
  lineLen: number;
  lineCount: number;
  subtitle: Placed[];
  last: number;
}

/** Groups words into cues; a line of each cue ends where the next word starts with `\n`. */
function packWords(segments: readonly Segment[], options: SubtitleOptions): Placed[][] {
  const maxLineCount = options.maxLineCount;
  const preserveSegments = maxLineCount === undefined || options.maxLineWidth === undefined;
  const maxLineWidth = options.maxLineWidth ?? NO_LIMIT;
  const maxWords = options.maxWordsPerLine ?? NO_LIMIT;
  const cues: Placed[][] = [];
  const st: PackState = { lineLen: 0, lineCount: 1, subtitle: [], last: firstWordStart(segments) ?? 0 };
  for (const segment of segments) {
    const words = wordsOf(segment);
    for (let chunk = 0; chunk < words.length; chunk += maxWords) {
      words.slice(chunk, chunk + maxWords).forEach((w, i) => {
        let text = w.text;
        const longPause = !preserveSegments && w.startSec - st.last > LONG_PAUSE_SEC;
        const hasRoom = st.lineLen + codePointLength(text) <= maxLineWidth;
        const segBreak = i === 0 && st.subtitle.length > 0 && preserveSegments;
        if (st.lineLen > 0 && hasRoom && !longPause && !segBreak) {
          st.lineLen += codePointLength(text);
        } else {
          text = text.trim();
          const cueFull = maxLineCount !== undefined && (longPause || st.lineCount >= maxLineCount);
          if ((st.subtitle.length > 0 && cueFull) || segBreak) {
            cues.push(st.subtitle);
            st.subtitle = [];
            st.lineCount = 1;
          } else if (st.lineLen > 0) {
            st.lineCount += 1;
            text = `\n${text}`;
          }
          st.lineLen = codePointLength(text.trim());
        }
        st.subtitle.push({ word: text, startSec: w.startSec, endSec: w.endSec });
        st.last = w.startSec;
      });
    }
  }
  if (st.subtitle.length > 0) cues.push(st.subtitle);
  return cues;
}

function highlighted(words: readonly Placed[], index: number): string {
  return words.map((p, j) => (j === index ? p.word.replace(HIGHLIGHT, '$1<u>$2</u>') : p.word)).join('');
}

function wordCues(words: readonly Placed[], style: TimestampStyle, highlight: boolean): SubtitleCue[] {
  const first = words[0];
  const lastWord = words[words.length - 1];
  if (first === undefined || lastWord === undefined) return [];
  const start = formatTimestamp(first.startSec, style);
  const text = words.map((p) => p.word).join('');
  if (!highlight) return [{ start, end: formatTimestamp(lastWord.endSec, style), text }];
  const cues: SubtitleCue[] = [];
  let last = start;
  words.forEach((p, i) => {
    const wordStart = formatTimestamp(p.startSec, style);
    const wordEnd = formatTimestamp(p.endSec, style);
    if (last !== wordStart) cues.push({ start: last, end: wordStart, text });
    cues.push({ start: wordStart, end: wordEnd, text: highlighted(words, i) });
    last = wordEnd;
  });
  return cues;
}

/**
 * Word mode needs measured word times: the first segment has words (as OpenAI checks) and no word of the transcript
 * is a character-count estimate (those would be shown as if they were real).
 */
export function hasMeasuredWords(segments: readonly Segment[]): boolean {
  return segments[0]?.words !== undefined && segments.every((s) => (s.words ?? []).every((w) => w.timing === 'dtw'));
}

/**
 * The cues of `transcript` in the order OpenAI's writers print them. Word mode is used when the words have measured
 * times (see {@link hasMeasuredWords}); otherwise each segment is one cue and the line options have no effect.
 * `-->` in cue text becomes `->` in both modes (OpenAI does so only without words).
 */
export function subtitleCues(transcript: Transcript, style: TimestampStyle, options: SubtitleOptions = {}): SubtitleCue[] {
  const segments = transcript.segments;
  const cues =
    hasMeasuredWords(segments)
      ? packWords(segments, options).flatMap((words) => wordCues(words, style, options.highlightWords ?? false))
      : segments.map((s) => ({ start: formatTimestamp(s.startSec, style), end: formatTimestamp(s.endSec, style), text: s.text.trim() }));
  return cues.map((cue) => ({ ...cue, text: cue.text.replaceAll(CUE_ARROW, SAFE_ARROW) }));
}
