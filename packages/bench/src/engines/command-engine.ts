/**
 * Any command-line engine through an argument template: `{audio}` is the input file, any other `{name}` comes from
 * the configuration's params (e.g. `{model}`). The transcript is the program's stdout (or a file it writes).
 */
import { readFile, rm } from 'node:fs/promises';
import { InvalidOptionError } from '@cephalon/stt';
import { convertToTemp } from './audio-convert.js';
import { runCommand } from './run-command.js';
import { fillTemplate } from './template.js';
import type { Engine, EngineParams, EngineResult } from './types.js';

/** How to run a command engine. */
export interface CommandEngineOptions {
  readonly name: string;
  /** Argument template, e.g. `['pocketsphinx_continuous', '-infile', '{audio}', '-logfn', '/dev/null']`. */
  readonly command: readonly string[];
  /** Convert the input to 16 kHz mono 16-bit WAV first (`wav16k`), or pass it as is (`as-is`, default). */
  readonly audioFormat?: 'as-is' | 'wav16k';
  /**
   * Where the transcript appears: `stdout` (default), or a file path template such as `{audio}.txt`
   * (whisper-cli `-otxt`), read and deleted after the call.
   */
  readonly output?: string;
  /** Kill a call after this many milliseconds. Default 10 minutes. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 600_000;

/** Turns params into template values (strings; objects as JSON). */
function templateValues(params: EngineParams, audio: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) values[k] = typeof v === 'string' ? v : JSON.stringify(v);
  values['audio'] = audio;
  return values;
}

/** Joins the output lines of a transcriber into one text (many CLIs print one line per segment). */
export function joinLines(stdout: string): string {
  return stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

/**
 * Creates an engine that runs a program per file.
 * @example
 * const ps = createCommandEngine({ name: 'pocketsphinx', audioFormat: 'wav16k',
 *   command: ['pocketsphinx_continuous', '-infile', '{audio}', '-logfn', '/dev/null'] });
 */
export function createCommandEngine(options: CommandEngineOptions): Engine {
  if (options.command.length === 0 || !options.command.some((a) => a.includes('{audio}'))) {
    throw new InvalidOptionError('command_template', `Engine '${options.name}': the command must contain {audio}`, {
      hint: "Example: ['whisper-cli', '-m', '{model}', '-f', '{audio}', '-nt']",
    });
  }
  const run = async (audio: string, params: EngineParams): Promise<EngineResult> => {
    const values = templateValues(params, audio);
    const argv = fillTemplate(options.command, values);
    const r = await runCommand(argv, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    let text = r.stdout;
    if (options.output !== undefined && options.output !== 'stdout') {
      const file = fillTemplate([options.output], values)[0] ?? '';
      text = await readFile(file, 'utf8');
      await rm(file, { force: true });
    }
    return { text: joinLines(text), ...(r.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: r.peakMemoryBytes }) };
  };
  return {
    name: options.name,
    kind: 'command',
    device: 'cpu',
    capabilities: { inProcess: false, segments: false, tokens: false, confidences: false, peakMemory: true, concurrent: true },
    async transcribe(audioPath, params) {
      if (options.audioFormat !== 'wav16k') return run(audioPath, params);
      const temp = await convertToTemp(audioPath);
      try {
        return await run(temp.path, params);
      } finally {
        await temp.dispose();
      }
    },
    close: () => Promise.resolve(),
  };
}
