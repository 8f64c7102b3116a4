/** SRT and WebVTT, as OpenAI's `WriteSRT`/`WriteVTT`. */
import type { Transcript } from '../core/types.js';
import { subtitleCues } from './subtitle-cues.js';
import type { SubtitleOptions } from './subtitle-cues.js';
import { SRT_TIMESTAMP, VTT_TIMESTAMP } from './timestamp.js';

/**
 * Numbered SRT cues, times as `00:00:01,080`.
 * @example toSrt(transcript, { maxLineWidth: 42, maxLineCount: 2 })
 */
export function toSrt(transcript: Transcript, options: SubtitleOptions = {}): string {
  return subtitleCues(transcript, SRT_TIMESTAMP, options)
    .map((cue, i) => `${i + 1}\n${cue.start} --> ${cue.end}\n${cue.text}\n\n`)
    .join('');
}

/**
 * A `WEBVTT` header, then cues with times as `00:01.080` (hours only from one hour on).
 * @example toVtt(transcript)
 */
export function toVtt(transcript: Transcript, options: SubtitleOptions = {}): string {
  const cues = subtitleCues(transcript, VTT_TIMESTAMP, options).map((cue) => `${cue.start} --> ${cue.end}\n${cue.text}\n\n`);
  return `WEBVTT\n\n${cues.join('')}`;
}
