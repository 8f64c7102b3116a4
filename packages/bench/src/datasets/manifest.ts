/**
 * NeMo-style JSONL manifests: one JSON object per line with `audio_filepath` (relative to the manifest's folder or
 * absolute), `duration` (seconds), `text`, and optional `offset` (seconds). Other fields become utterance tags.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { assertRegularFile } from './regular-file.js';
import { BenchDataError } from '@cephalon/stt';
import type { Dataset, Utterance } from './types.js';

/** One manifest line as written. */
export interface ManifestEntry {
  readonly audio_filepath: string;
  readonly duration: number;
  readonly text: string;
  readonly offset?: number;
  readonly [extra: string]: unknown;
}

const KNOWN = new Set(['audio_filepath', 'duration', 'text', 'offset', 'id']);

function bad(path: string, line: number, what: string): never {
  throw new BenchDataError('manifest_invalid', `${path}:${line}: ${what}`, {
    hint: 'Each line must be a JSON object with audio_filepath (string), duration (seconds) and text (string).',
    details: { path, line },
  });
}

function tagsOf(o: Record<string, unknown>): Record<string, string | number | boolean> {
  const tags: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(o)) {
    if (KNOWN.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') tags[k] = v;
    else if (v !== null && v !== undefined) tags[k] = JSON.stringify(v);
  }
  return tags;
}

/** Parses manifest text; `path` is used to resolve relative audio paths and in error messages. */
export function parseManifest(text: string, path: string): Utterance[] {
  const dir = dirname(resolve(path));
  const utterances: Utterance[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let o: unknown;
    try { o = JSON.parse(line); } catch { bad(path, i + 1, 'not valid JSON'); }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) bad(path, i + 1, 'not a JSON object');
    const r = o as Record<string, unknown>;
    if (typeof r['audio_filepath'] !== 'string' || r['audio_filepath'] === '') bad(path, i + 1, 'audio_filepath missing');
    if (typeof r['text'] !== 'string') bad(path, i + 1, 'text missing');
    const duration = r['duration'];
    if (typeof duration !== 'number' || !(duration >= 0)) bad(path, i + 1, 'duration must be a non-negative number of seconds');
    const offset = r['offset'];
    if (offset !== undefined && (typeof offset !== 'number' || !(offset >= 0))) bad(path, i + 1, 'offset must be a non-negative number of seconds');
    const audioPath = isAbsolute(r['audio_filepath']) ? r['audio_filepath'] : resolve(dir, r['audio_filepath']);
    let id = typeof r['id'] === 'string' ? r['id'] : basename(r['audio_filepath']).replace(/\.[^.]*$/, '');
    if (offset !== undefined) id = `${id}@${offset}`;
    if (ids.has(id)) bad(path, i + 1, `duplicate utterance id '${id}'`);
    ids.add(id);
    const tags = tagsOf(r);
    utterances.push({
      id, audioPath, reference: r['text'], durationSec: duration,
      ...(offset === undefined ? {} : { offsetSec: offset }),
      ...(Object.keys(tags).length === 0 ? {} : { tags }),
    });
  });
  return utterances;
}

/** Reads a manifest file as a dataset. */
export async function readManifest(path: string, name?: string): Promise<Dataset> {
  await assertRegularFile(path, 'manifest');
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    throw new BenchDataError('manifest_missing', `Cannot read manifest ${path}`, { hint: 'Check the path (relative to the spec file).', cause: e });
  });
  return { name: name ?? basename(path).replace(/\.[^.]*$/, ''), source: resolve(path), utterances: parseManifest(text, path) };
}

/** Writes utterances as a manifest, audio paths relative to the manifest's folder. */
export async function writeManifest(path: string, utterances: readonly Utterance[]): Promise<void> {
  const dir = dirname(resolve(path));
  await mkdir(dir, { recursive: true });
  const lines = utterances.map((u) => JSON.stringify({
    audio_filepath: relative(dir, u.audioPath),
    duration: u.durationSec,
    text: u.reference,
    ...(u.offsetSec === undefined ? {} : { offset: u.offsetSec }),
    ...u.tags,
  }));
  await writeFile(path, lines.join('\n') + '\n');
}
