/** Writes a transcript in several formats next to each other: `<dir>/<basename>.<format>`. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename as baseOf, extname, join } from 'node:path';
import { formatTranscript } from '@cephalon/stt';
import type { OutputFormat, Transcript, WriterOptions } from '@cephalon/stt';

/** The output basename of an audio path, as OpenAI's CLI names files: `talks/jfk.wav` -> `jfk`. */
export function outputBasename(audioPath: string): string {
  const name = baseOf(audioPath);
  return name.slice(0, name.length - extname(name).length);
}

/**
 * Renders `transcript` in each format and writes `<dir>/<basename>.<format>` (UTF-8), creating `dir` if needed.
 * Each file is written to a temporary name first and renamed, so an interrupted run leaves no half-written file.
 * Returns the paths written, in `formats` order.
 * @example await writeOutputs(transcript, ['srt', 'json'], 'out', 'jfk') // ['out/jfk.srt', 'out/jfk.json']
 */
export async function writeOutputs(
  transcript: Transcript,
  formats: readonly OutputFormat[],
  dir: string,
  basename: string,
  options: WriterOptions = {},
): Promise<string[]> {
  const texts = formats.map((format) => [format, formatTranscript(transcript, format, options)] as const);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [format, text] of texts) {
    const path = join(dir, `${basename}.${format}`);
    const partial = `${path}.partial-${process.pid}`;
    await writeFile(partial, text, 'utf8');
    await rename(partial, path);
    written.push(path);
  }
  return written;
}
