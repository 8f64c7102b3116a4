/**
 * Annotated output for a downstream language model (research-features.md §1.4.6, stt-requirements.md §12): words whose
 * tokens a `LowConfidenceRule` marks are wrapped in `[[ ]]` (adjacent words form one region), with a legend telling the
 * reader what the marks mean. Works on any `Transcript` (its tokens carry log-probability, confidence and margin); no
 * logit capture is needed.
 */
import type { Segment, Transcript } from '../../core/types.js';
import { lowConfidenceReasons, validateRule } from './rules.js';
import type { LowConfidenceRule } from './rules.js';

export const ANNOTATION_OPEN = '[[';
export const ANNOTATION_CLOSE = ']]';

/** The legend put before annotated text. */
export function annotationLegend(rule: LowConfidenceRule): string {
  const parts = Object.entries(rule)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`);
  return `Note: this is an automatic transcript. Text in ${ANNOTATION_OPEN} ${ANNOTATION_CLOSE} was recognised with low confidence (${parts.join(', ')}) and may contain errors; correct it from context if you can.`;
}

/** One marked region. */
export interface LowConfidenceRegion {
  readonly segment: number;
  /** Character range in the segment's annotated-free text (`segmentText`), end exclusive. */
  readonly startChar: number;
  readonly endChar: number;
  readonly text: string;
  /** Lowest token probability in the region. */
  readonly minTokenProb: number;
  /** Rules that fired on its tokens. */
  readonly reasons: readonly string[];
}

export interface AnnotatedSegment {
  readonly id: number;
  readonly startSec: number;
  readonly endSec: number;
  /** The segment's text built from its tokens. */
  readonly text: string;
  /** The same with low-confidence regions marked. */
  readonly annotated: string;
}

export interface AnnotatedTranscript {
  readonly legend: string;
  readonly segments: readonly AnnotatedSegment[];
  readonly regions: readonly LowConfidenceRegion[];
}

interface WordSpan {
  start: number;
  end: number;
  low: boolean;
  minProb: number;
  reasons: Set<string>;
}

function annotateSegment(segment: Segment, rule: LowConfidenceRule, regions: LowConfidenceRegion[]): AnnotatedSegment {
  const words: WordSpan[] = [];
  let text = '';
  for (const token of segment.tokens) {
    const startsWord = words.length === 0 || /^\s/.test(token.text);
    if (startsWord) words.push({ start: text.length, end: text.length, low: false, minProb: 1, reasons: new Set() });
    text += token.text;
    const word = words[words.length - 1] as WordSpan;
    word.end = text.length;
    const tokenProb = Math.exp(token.logprob);
    const reasons = lowConfidenceReasons(rule, { tokenProb, ...(token.confidence === undefined ? {} : { entropyConfidence: token.confidence }), ...(token.margin === undefined ? {} : { margin: token.margin }) });
    if (reasons.length > 0) {
      word.low = true;
      word.minProb = Math.min(word.minProb, tokenProb);
      for (const r of reasons) word.reasons.add(r);
    }
  }
  let annotated = '';
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    if (!(words[i] as WordSpan).low) continue;
    let j = i;
    while (j + 1 < words.length && (words[j + 1] as WordSpan).low) j++;
    const first = words[i] as WordSpan;
    const last = words[j] as WordSpan;
    // The leading space of a word stays outside the mark.
    const lead = /^\s*/.exec(text.slice(first.start, first.end))?.[0].length ?? 0;
    const start = first.start + lead;
    annotated += text.slice(at, start) + ANNOTATION_OPEN + text.slice(start, last.end) + ANNOTATION_CLOSE;
    at = last.end;
    const span = words.slice(i, j + 1);
    regions.push({
      segment: segment.id,
      startChar: start,
      endChar: last.end,
      text: text.slice(start, last.end),
      minTokenProb: Math.min(...span.map((w) => w.minProb)),
      reasons: [...new Set(span.flatMap((w) => [...w.reasons]))],
    });
    i = j;
  }
  annotated += text.slice(at);
  return { id: segment.id, startSec: segment.startSec, endSec: segment.endSec, text, annotated };
}

/**
 * Marks the low-confidence words of a transcript.
 *
 * @example
 * const t = await transcriber.transcribe('talk.wav');
 * const a = annotateTranscript(t, { tokenProbBelow: 0.5 });
 * console.log(annotatedText(a)); // legend, then "... the [[gnome]] said ..."
 */
export function annotateTranscript(transcript: Transcript, rule: LowConfidenceRule): AnnotatedTranscript {
  validateRule(rule);
  const regions: LowConfidenceRegion[] = [];
  const segments = transcript.segments.map((s) => annotateSegment(s, rule, regions));
  return { legend: annotationLegend(rule), segments, regions };
}

/** Plain-text form: the legend, a blank line, then one annotated segment per line. */
export function annotatedText(a: AnnotatedTranscript): string {
  return `${a.legend}\n\n${a.segments.map((s) => s.annotated.trim()).join('\n')}\n`;
}

/** JSON form: legend, annotated text, segments and the regions. */
export function annotatedJson(a: AnnotatedTranscript): string {
  return JSON.stringify({ legend: a.legend, text: a.segments.map((s) => s.annotated).join(''), segments: a.segments, regions: a.regions }, null, 2) + '\n';
}
