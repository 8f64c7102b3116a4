/**
 * `cephalon research <feature> ...`: the default-off research features of `../shared/docs/research-features.md`
 * (logit capture, targeted re-decoding, the beam-approximating network, cost decoding, graded masks).
 * Each feature registers one subcommand module under `research/`.
 */
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';

/** Subcommand name -> module loader. Each module's default export is a `Command`. */
const SUBCOMMANDS: Readonly<Record<string, () => Promise<{ default: Command }>>> = {
  // Each research feature registers its subcommand here (one line).
  cost: () => import('./research/cost.js'),
  masks: () => import('./research/masks.js'),
  logits: () => import('./research/logits.js'),
  beamnet: () => import('./research/beamnet.js'),
};

async function usage(): Promise<string> {
  const lines = ['Usage: cephalon research <feature> [options]', '', 'Features (all experiments; every figure is about mechanism and cost):'];
  for (const name of Object.keys(SUBCOMMANDS).sort()) {
    const load = SUBCOMMANDS[name] as () => Promise<{ default: Command }>;
    lines.push(`  ${name.padEnd(12)} ${(await load()).default.summary}`);
  }
  if (Object.keys(SUBCOMMANDS).length === 0) lines.push('  (none yet)');
  return lines.join('\n') + '\n';
}

const research: Command = {
  summary: 'research features: logit capture, re-decoding, beam-approximating network, cost decoding, graded masks',
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const [name, ...rest] = args;
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout.write(await usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const load = SUBCOMMANDS[name];
    if (load === undefined) {
      io.stderr.write(`cephalon research: unknown feature '${name}'\n${await usage()}`);
      return EXIT.usage;
    }
    return (await load()).default.run(rest, io);
  },
};

export default research;
