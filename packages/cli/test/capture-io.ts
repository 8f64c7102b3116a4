/** An in-memory `CommandIo` for running `main(argv, io)` in-process with captured stdout and stderr. */
import { PassThrough, Writable } from 'node:stream';
import type { CommandIo } from '../src/command.js';

export interface CapturedIo {
  readonly io: CommandIo;
  stdout(): string;
  stderr(): string;
}

class Collector extends Writable {
  readonly chunks: string[] = [];
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }
}

/** A captured io. `env` replaces the process environment entirely (nothing of `process.env` leaks in but PATH/HOME). */
export function captureIo(env: Record<string, string | undefined> = {}, cwd = process.cwd(), tty = false): CapturedIo {
  const out = new Collector(false);
  const err = new Collector(tty);
  const io: CommandIo = {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    cwd,
  };
  return { io, stdout: () => out.chunks.join(''), stderr: () => err.chunks.join('') };
}
