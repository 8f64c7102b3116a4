/** Output formats by name, as OpenAI's `--output_format`: one entry point for the CLI and the server. */
import { WriterInputError } from '../core/errors.js';
import type { Transcript } from '../core/types.js';
import { toJson } from './json-format.js';
import type { JsonOptions } from './json-format.js';
import type { SubtitleOptions } from './subtitle-cues.js';
import { toSrt, toVtt } from './subtitle-formats.js';
import { toTsv, toTxt } from './text-formats.js';

/** Every output format, in OpenAI's order (`all` writes each of them). */
export const OUTPUT_FORMATS = ['txt', 'vtt', 'srt', 'tsv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Options of every writer together; each writer reads the fields it knows. */
export interface WriterOptions extends SubtitleOptions, Omit<JsonOptions, 'indent'> {
  /** JSON indentation; default none. */
  readonly jsonIndent?: number;
}

/** True when `name` is one of `OUTPUT_FORMATS`. */
export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

/**
 * Expands a format name (`'srt'`, or `'all'`) into formats. Throws `WriterInputError` for an unknown name.
 * @example parseOutputFormat('all') // ['txt', 'vtt', 'srt', 'tsv', 'json']
 */
export function parseOutputFormat(name: string): readonly OutputFormat[] {
  if (name === 'all') return OUTPUT_FORMATS;
  if (isOutputFormat(name)) return [name];
  throw new WriterInputError('WRITER_UNKNOWN_FORMAT', `unknown output format '${name}'`, {
    hint: `use one of ${OUTPUT_FORMATS.join(', ')}, or all`,
    details: { format: name },
  });
}

/**
 * The text of `transcript` in `format`.
 * @example formatTranscript(transcript, 'srt', { maxLineWidth: 42 })
 */
export function formatTranscript(transcript: Transcript, format: OutputFormat, options: WriterOptions = {}): string {
  switch (format) {
    case 'txt':
      return toTxt(transcript);
    case 'vtt':
      return toVtt(transcript, options);
    case 'srt':
      return toSrt(transcript, options);
    case 'tsv':
      return toTsv(transcript);
    case 'json': {
      const json: JsonOptions = {
        ...(options.task === undefined ? {} : { task: options.task }),
        ...(options.jsonIndent === undefined ? {} : { indent: options.jsonIndent }),
      };
      return toJson(transcript, json);
    }
  }
}
