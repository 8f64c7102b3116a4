/** Transcript writers as pure functions: txt, json (`verbose_json`), srt, vtt, tsv — each returns a string. */
export { OUTPUT_FORMATS, formatTranscript, isOutputFormat, parseOutputFormat } from './format.js';
export type { OutputFormat, WriterOptions } from './format.js';
export { toTsv, toTxt } from './text-formats.js';
export { toSrt, toVtt } from './subtitle-formats.js';
export { hasMeasuredWords, subtitleCues } from './subtitle-cues.js';
export type { SubtitleCue, SubtitleOptions } from './subtitle-cues.js';
export { toJson, toVerboseJson } from './json-format.js';
export type { JsonOptions, VerboseJson, VerboseJsonSegment, VerboseJsonWord } from './json-format.js';
export { formatTimestamp, roundHalfEven, toMilliseconds, SRT_TIMESTAMP, VTT_TIMESTAMP } from './timestamp.js';
export type { TimestampStyle } from './timestamp.js';
