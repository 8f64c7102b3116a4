/** Writes a transcript in several formats next to each other: `<dir>/<basename>.<format>`. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename as baseOf, dirname, extname, join, parse, relative } from 'node:path';
import { CephalonError, formatTranscript, InvalidOptionError } from '@cephalon/stt';
import type { OutputFormat, Transcript, WriterOptions } from '@cephalon/stt';

/** Longest file name (bytes) most file systems accept (NAME_MAX). */
const NAME_MAX_BYTES = 255;
/** Room kept for the longest extension written (`.json`). */
const EXTENSION_BYTES = 5;

/** The output basename of an audio path, as OpenAI's CLI names files: `talks/jfk.wav` -> `jfk`. */
export function outputBasename(audioPath: string): string {
  const name = baseOf(audioPath);
  return name.slice(0, name.length - extname(name).length);
}

/** `name` cut (on a character boundary) so that `name.<format>` fits in NAME_MAX bytes. */
export function fitFileName(name: string): string {
  const limit = NAME_MAX_BYTES - EXTENSION_BYTES;
  if (Buffer.byteLength(name) <= limit) return name;
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > limit) break;
    out += ch;
  }
  return out;
}

/**
 * Output basenames for several inputs that never collide: `jfk` normally; when two inputs share a base name,
 * `jfk.wav` / `jfk.mp3` if the extensions differ, else the parent folders are prefixed (`a_jfk`, `b_jfk`), and
 * as a last resort a counter. Names too long for the file system are cut. Returns one name per input.
 * @example uniqueBasenames(['a/x.wav', 'b/x.wav']) // ['a_x', 'b_x']
 */
export function uniqueBasenames(paths: readonly string[]): string[] {
  const plain = paths.map((p) => fitFileName(outputBasename(p)));
  const count = (names: readonly string[], n: string): number => names.filter((x) => x === n).length;
  const out = plain.map((name, i) => {
    if (count(plain, name) === 1) return name;
    const path = paths[i] as string;
    const withExt = fitFileName(baseOf(path));
    const siblings = paths.filter((_, j) => plain[j] === name);
    if (siblings.filter((p) => baseOf(p) === baseOf(path)).length === 1) return withExt;
    const parent = parse(dirname(path)).base;
    return fitFileName(`${parent === '' ? 'root' : parent}_${name}`);
  });
  // anything still equal (same folder name twice, or cut names) gets a counter
  return out.map((name, i) => (count(out, name) === 1 ? name : fitFileName(`${name}-${out.slice(0, i).filter((x) => x === name).length + 1}`)));
}

function outputDirError(dir: string, why: string, hint: string, cause?: unknown): InvalidOptionError {
  return new InvalidOptionError('OUTPUT_DIR_UNUSABLE', `output folder ${dir} ${why}`, { hint, cause, details: { option: 'output-dir', path: dir } });
}

/**
 * Makes sure `dir` is a folder we can write into, creating missing levels one at a time (Node's recursive mkdir
 * spins forever on some paths, e.g. below /proc). Throws `InvalidOptionError` naming the folder.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    // ENOTDIR: some parent is a file; keep walking up to name it
    const info = await stat(at).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? undefined : e));
    if (info instanceof Error) throw outputDirError(dir, `cannot be checked (${info.code ?? info.message})`, 'pick a folder you can write to', info);
    if (info !== undefined) {
      if (!info.isDirectory()) {
        throw at === dir
          ? outputDirError(dir, 'is a file, not a folder', 'pick another --output-dir')
          : outputDirError(dir, `is below ${at}, which is a file`, 'pick another --output-dir');
      }
      break;
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await stat(level).catch(() => undefined))?.isDirectory() === true) continue;
      throw outputDirError(dir, `cannot be created (${code ?? String(e)} at ${relative(dirname(dir), level) || level})`, 'pick a folder you can write to', e);
    }
  }
}

/**
 * Renders `transcript` in each format and writes `<dir>/<basename>.<format>` (UTF-8), creating `dir` if needed.
 * Each file is written to a short temporary name first and renamed, so an interrupted run leaves no half-written
 * file. Returns the paths written, in `formats` order.
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
  await prepareOutputDir(dir);
  const name = fitFileName(basename);
  const written: string[] = [];
  for (const [format, text] of texts) {
    const path = join(dir, `${name}.${format}`);
    const partial = join(dir, `.cephalon-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(partial, text, 'utf8');
      await rename(partial, path);
    } catch (e) {
      await rm(partial, { force: true });
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new CephalonError('WRITE_FAILED', `cannot write ${path} (${code})`, { hint: 'check the folder, its permissions and free space', cause: e, details: { path } });
    }
    written.push(path);
  }
  return written;
}
