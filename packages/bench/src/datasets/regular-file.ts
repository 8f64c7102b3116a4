/**
 * Refuses named pipes, devices, sockets and folders where a bench reads a file: opening a named pipe with no
 * writer blocks forever (not even SIGTERM ends a process stuck in that open).
 */
import { stat } from 'node:fs/promises';
import { BenchDataError } from '@cephalon/stt';

/** What kind of non-regular thing `path` is, or undefined for a regular file (or a missing path: the reader reports it). */
export async function nonRegularKind(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || info.isFile()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * Throws BenchDataError when `path` exists but is not a regular file.
 * @example await assertRegularFile('bench/m.jsonl', 'manifest')
 */
export async function assertRegularFile(path: string, what: string): Promise<void> {
  const kind = await nonRegularKind(path);
  if (kind === undefined) return;
  throw new BenchDataError('not_regular_file', `${what} ${path} is ${kind}, not a regular file`, {
    hint: 'Point it at a regular file (copy the data out of the pipe or device first).',
    details: { path },
  });
}
