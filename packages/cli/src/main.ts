/**
 * `cephalon` entry point: dispatches `cephalon <command> ...` to `commands/<command>.ts`.
 * This package is the only place that touches argv, stdout and exit codes.
 */
import { readFileSync } from 'node:fs';
import type { Command, CommandIo } from './command.js';
import { EXIT } from './command.js';

/** Command name -> module loader. Each module's default export is a `Command`. */
const COMMANDS: Readonly<Record<string, () => Promise<{ default: Command }>>> = {
  // Each area registers its command here: transcribe, models, bench, eidolon.
  transcribe: () => import('./commands/transcribe.js'),
  models: () => import('./commands/models.js'),
  eidolon: () => import('./commands/eidolon.js'),
  bench: () => import('./commands/bench.js'),
  serve: () => import('./commands/serve.js'),
  worker: () => import('./commands/worker.js'),
  queue: () => import('./commands/queue.js'),
  listen: () => import('./commands/listen.js'),
  vad: () => import('./commands/vad.js'),
  export: () => import('./commands/export.js'),
  research: () => import('./commands/research.js'),
  agent: () => import('./commands/agent.js'),
};

function usage(): string {
  const lines = ['Usage: cephalon <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS).sort()) lines.push(`  ${name}`);
  lines.push('', 'Run `cephalon <command> --help` for the options of one command; `cephalon --version` for the version.');
  return lines.join('\n') + '\n';
}

/** The version of the `cephalon` package (read from its package.json, next to `src/` or a compiled folder). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`cephalon ${cliVersion()} (node ${process.version})\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr.write(`cephalon: unknown command '${name}'\n${usage()}`);
    return EXIT.usage;
  }
  const command = (await load()).default;
  return command.run(rest, io);
}
