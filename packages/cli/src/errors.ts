/**
 * Turns errors into one readable line (`cephalon: <message> (<hint>)`) and a distinct exit code per kind.
 */
import {
  AudioDecodeError,
  BenchDataError,
  CephalonError,
  DownloadError,
  InvalidOptionError,
  MissingToolError,
  ModelCorruptError,
  ModelNotFoundError,
  RuntimeError,
  TokenizerError,
  WriterInputError,
} from '@cephalon/stt';
import { EXIT } from './command.js';

type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Error class -> exit code, checked in order (first match wins). */
const EXIT_BY_CLASS: readonly (readonly [abstract new (...args: never[]) => CephalonError, ExitCode])[] = [
  [InvalidOptionError, EXIT.usage],
  [WriterInputError, EXIT.usage],
  [AudioDecodeError, EXIT.inputError],
  [BenchDataError, EXIT.inputError],
  [ModelNotFoundError, EXIT.modelError],
  [ModelCorruptError, EXIT.modelError],
  [TokenizerError, EXIT.modelError],
  [RuntimeError, EXIT.modelError],
  [DownloadError, EXIT.networkError],
  [MissingToolError, EXIT.failure],
];

/** The exit code for `error`: by CephalonError subclass; anything else is a plain failure. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof CephalonError)) return EXIT.failure;
  for (const [cls, code] of EXIT_BY_CLASS) if (error instanceof cls) return code;
  return EXIT.failure;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * `cephalon: <message> (<hint>)`, on one line, with a trailing newline. With `subject` (the input file of a
 * multi-file run), the message starts with it unless it names it already.
 */
export function errorLine(error: unknown, subject?: string): string {
  const about = (message: string): string => (subject === undefined || message.includes(subject) ? message : `${subject}: ${message}`);
  if (error instanceof CephalonError) {
    const hint = error.hint === undefined ? '' : ` (${oneLine(error.hint).replace(/\.$/, '')})`;
    return `cephalon: ${about(oneLine(error.message))}${hint}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `cephalon: ${about(`unexpected error: ${oneLine(message)}`)} (please report this with the command you ran)\n`;
}

/** Writes `errorLine(error)` to `stderr` and returns the exit code. With `CEPHALON_DEBUG=1` the stack follows. */
export function reportError(error: unknown, stderr: NodeJS.WritableStream, env: Readonly<Record<string, string | undefined>>, subject?: string): ExitCode {
  stderr.write(errorLine(error, subject));
  if (env['CEPHALON_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) stderr.write(`${error.stack}\n`);
  return exitCodeFor(error);
}
