/**
 * Runs a program with an argument array (never a shell string), capturing its output and its peak memory.
 */
import { spawn } from 'node:child_process';
import { BenchEngineError, MissingToolError } from '@cephalon/stt';
import { readPeakRssBytes, startSampler } from './memory-sampler.js';

/** Result of {@link runCommand}. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** Peak RSS of the child (VmHWM sampled while it ran), in bytes. */
  readonly peakMemoryBytes: number | undefined;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** Kill the child after this many milliseconds. Default: no limit. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Bytes written to the child's stdin, then closed. */
  readonly stdin?: string;
  /** Throw `BenchEngineError` on a non-zero exit. Default true. */
  readonly checkExit?: boolean;
}

const TAIL_CHARS = 400;

function tail(text: string): string {
  return text.length <= TAIL_CHARS ? text : `...${text.slice(-TAIL_CHARS)}`;
}

/**
 * Spawns `argv[0]` with `argv.slice(1)`.
 * @throws MissingToolError when the program does not exist; BenchEngineError on a non-zero exit or timeout.
 * @example const r = await runCommand(['espeak-ng', '--version']);
 */
export function runCommand(argv: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.reject(new BenchEngineError('empty_command', 'The command is empty', { hint: 'Give the program and its arguments as an array.' }));
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const pid = child.pid;
    const sampler = startSampler(() => (pid === undefined ? undefined : readPeakRssBytes(pid)));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (b: Buffer) => { out.push(b); sampler.sample(); });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.on('error', (e: NodeJS.ErrnoException) => {
      sampler.stop();
      if (timer !== undefined) clearTimeout(timer);
      if (e.code === 'ENOENT') {
        reject(new MissingToolError('tool_missing', `'${program}' is not installed or not on PATH`, { hint: `Install ${program} (e.g. apt-get install ${program}) or fix the command.`, cause: e }));
      } else reject(new BenchEngineError('spawn_failed', `Could not start '${program}': ${e.message}`, { cause: e }));
    });
    child.on('close', (code, signal) => {
      const peakMemoryBytes = sampler.stop();
      if (timer !== undefined) clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const exitCode = code ?? -1;
      if (timedOut) {
        reject(new BenchEngineError('command_timeout', `'${program}' ran longer than ${options.timeoutMs} ms and was killed`, { hint: 'Raise timeoutMs or check the command.' }));
      } else if (exitCode !== 0 && options.checkExit !== false) {
        reject(new BenchEngineError('command_failed', `'${argv.join(' ')}' exited with ${signal ?? exitCode}: ${tail(stderr.trim())}`, {
          hint: 'Run the command by hand to see what is wrong.',
          details: { program, exitCode },
        }));
      } else resolve({ stdout, stderr, exitCode, peakMemoryBytes });
    });
  });
}
