/**
 * Durable state (spec B7): one JSON file written atomically (temp file + fsync + rename + fsync of
 * the directory), so a kill -9 at any moment leaves either the previous or the new complete state.
 * The body carries a SHA-256 checksum; a leftover temp file from a killed write is removed on load.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PersistenceError } from './errors.js';

const TEMP_MARK = '.tmp-';

/** Writes `text` to `path` atomically and durably. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}${TEMP_MARK}${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

function checksum(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Saves a JSON-serialisable state with its checksum. */
export function saveState(path: string, state: unknown): void {
  const body = JSON.stringify(state);
  writeFileAtomic(path, `{"sha256":"${checksum(body)}","body":${body}}\n`);
}

/** Removes temp files left by writes that were killed (they never replaced the state). */
export function removeStaleTemps(path: string): number {
  const dir = dirname(path);
  const prefix = `${basename(path)}${TEMP_MARK}`;
  let removed = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name.startsWith(prefix)) {
      unlinkSync(join(dir, name));
      removed++;
    }
  }
  return removed;
}

/** Loads a state saved by saveState; null when there is none. Throws PersistenceError when corrupt. */
export function loadState(path: string): unknown {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  let wrapper: unknown;
  try {
    wrapper = JSON.parse(text);
  } catch (cause) {
    throw new PersistenceError(path, 'not valid JSON', cause);
  }
  const w = wrapper as { sha256?: unknown; body?: unknown } | null;
  if (w === null || typeof w.sha256 !== 'string' || w.body === undefined) throw new PersistenceError(path, 'missing checksum or body');
  if (checksum(JSON.stringify(w.body)) !== w.sha256) throw new PersistenceError(path, 'checksum mismatch');
  return w.body;
}
