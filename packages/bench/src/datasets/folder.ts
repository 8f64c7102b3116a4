/**
 * A folder of audio files with same-named `.txt` references (`a.wav` + `a.txt`), searched recursively.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { BenchDataError } from '@cephalon/stt';
import type { Dataset, Utterance } from './types.js';
import { assertRegularFile } from './regular-file.js';
import { audioDurationSec } from './wav-info.js';

/** File extensions taken as audio. */
export const AUDIO_EXTENSIONS = ['.wav', '.flac', '.mp3', '.ogg', '.opus', '.m4a', '.webm'] as const;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return files.flat();
}

/** Reads every audio file that has a `.txt` next to it; audio without a reference is an error naming the file. */
export async function readAudioFolder(folder: string, name?: string): Promise<Dataset> {
  const root = resolve(folder);
  const files = await walk(root).catch((e: unknown) => {
    throw new BenchDataError('folder_missing', `Cannot read dataset folder ${root}`, { hint: 'Check the path.', cause: e });
  });
  const audio = files.filter((f) => AUDIO_EXTENSIONS.some((x) => f.toLowerCase().endsWith(x))).sort();
  if (audio.length === 0) throw new BenchDataError('folder_empty', `No audio files in ${root}`, { hint: `Expected ${AUDIO_EXTENSIONS.join(', ')} files with .txt references.` });
  const utterances: Utterance[] = [];
  for (const audioPath of audio) {
    const txt = audioPath.replace(/\.[^.]*$/, '.txt');
    await assertRegularFile(audioPath, 'audio file');
    await assertRegularFile(txt, 'reference');
    const reference = await readFile(txt, 'utf8').catch((e: unknown) => {
      throw new BenchDataError('reference_missing', `No reference ${txt} for ${audioPath}`, { hint: 'Add a .txt with the same base name holding the transcript.', cause: e });
    });
    const id = relative(root, audioPath).replace(/\.[^.]*$/, '');
    utterances.push({ id, audioPath, reference: reference.trim(), durationSec: await audioDurationSec(audioPath) });
  }
  return { name: name ?? basename(root), source: root, utterances };
}
