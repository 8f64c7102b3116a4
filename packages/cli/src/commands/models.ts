/**
 * `cephalon models list|pull|path|rm`: the Hugging Face cache, through the library's Hub functions.
 * Every subcommand reads HF_HUB_CACHE / HF_HOME / HF_ENDPOINT / HF_TOKEN / HF_HUB_OFFLINE from the command's env.
 */
import { formatBytes, listCachedModels, modelPath, parseDtype, pullModel, removeModel } from '@cephalon/stt';
import type { CachedModel, DtypeOption } from '@cephalon/stt';
import { helpText, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { listenForInterrupt } from '../interrupt.js';
import { downloadProgress, hubOptions } from '../hub-progress.js';

const HELP_OPTION: OptionTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };
const REVISION: OptionTable = { revision: { type: 'string', value: 'REV', defaultText: 'main', help: 'branch, tag or commit' } };

interface Subcommand {
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionTable;
  /** Number of positional arguments (the model), 0 or 1. */
  readonly positionals: 0 | 1;
  run(o: ParsedOptions, model: string, io: CommandIo): Promise<number>;
}

function describe(m: CachedModel): string {
  const aliases = m.aliases.length > 0 ? ` (${m.aliases.join(', ')})` : '';
  const dtypes = [...new Set(m.snapshots.flatMap((s) => s.dtypes))].join(',') || '-';
  const partial = m.incompleteBytes > 0 ? `  +${formatBytes(m.incompleteBytes)} unfinished` : '';
  return `${m.id}${aliases}  ${formatBytes(m.sizeBytes)}  dtypes: ${dtypes}${partial}`;
}

function revisionOf(o: ParsedOptions): { revision?: string } {
  const revision = stringOpt(o, 'revision');
  return revision === undefined ? {} : { revision };
}

function dtypeOf(o: ParsedOptions): { dtype?: DtypeOption } {
  const text = stringOpt(o, 'dtype');
  if (text === undefined) return {};
  return { dtype: text.trim().toLowerCase() === 'quantized' ? 'quantized' : parseDtype(text) };
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  list: {
    usage: 'cephalon models list [--json]',
    summary: 'list the models in the Hugging Face cache',
    options: { json: { type: 'boolean', help: 'print JSON instead of one line per model' }, ...HELP_OPTION },
    positionals: 0,
    async run(o, _model, io) {
      const models = await listCachedModels(hubOptions(io));
      if (o['json'] === true) io.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
      else if (models.length === 0) io.stderr.write('no models in the cache\n');
      else for (const m of models) io.stdout.write(`${describe(m)}\n`);
      return EXIT.ok;
    },
  },
  pull: {
    usage: 'cephalon models pull <model> [--dtype DTYPE] [--revision REV]',
    summary: 'download a model (alias or Hub id) into the cache, with a progress bar',
    options: { dtype: { type: 'string', value: 'DTYPE', defaultText: 'fp32', help: 'weight precision to download' }, ...REVISION, ...HELP_OPTION },
    positionals: 1,
    async run(o, model, io) {
      const download = downloadProgress(io);
      const interrupt = listenForInterrupt(io, 'stopping the download (it resumes where it stopped next time); press Ctrl-C again to quit at once');
      try {
        const result = await pullModel(model, { ...hubOptions(io), ...revisionOf(o), ...dtypeOf(o), onProgress: download.onProgress, signal: interrupt.signal });
        download.finish();
        io.stderr.write(`pulled ${result.manifest.id}@${result.commit.slice(0, 12)}: ${result.files.length} files, ${formatBytes(result.receivedBytes)} downloaded\n`);
        io.stdout.write(`${result.manifest.dir}\n`);
        return EXIT.ok;
      } catch (error) {
        if (!interrupt.signal.aborted) throw error;
        download.finish();
        io.stderr.write(`cephalon: download of ${model} interrupted; run the same command again to resume (finished files and the partial one are kept)\n`);
        return EXIT.interrupted;
      } finally {
        download.finish();
        interrupt.dispose();
      }
    },
  },
  path: {
    usage: 'cephalon models path <model> [--revision REV]',
    summary: 'print the folder of a cached model (never uses the network)',
    options: { ...REVISION, ...HELP_OPTION },
    positionals: 1,
    async run(o, model, io) {
      io.stdout.write(`${await modelPath(model, { ...hubOptions(io), ...revisionOf(o) })}\n`);
      return EXIT.ok;
    },
  },
  rm: {
    usage: 'cephalon models rm <model>',
    summary: 'delete a model (all revisions, unfinished downloads) from the cache',
    options: HELP_OPTION,
    positionals: 1,
    async run(_o, model, io) {
      const result = await removeModel(model, hubOptions(io));
      if (!result.removed) {
        io.stderr.write(`cephalon: ${result.id} is not in the cache (nothing removed)\n`);
        return EXIT.modelError;
      }
      io.stdout.write(`removed ${result.id} (${formatBytes(result.freedBytes)} freed)\n`);
      return EXIT.ok;
    },
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(6)}${s.summary}`);
  return `Usage: cephalon models <list|pull|path|rm> [options]\n\nManage the models in the Hugging Face cache (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub).\n\nSubcommands:\n${lines.join('\n')}\n\nRun 'cephalon models <subcommand> --help' for its options.\n`;
}

async function modelsCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (sub === undefined) usageError('models', `unknown subcommand '${name}'`, 'use list, pull, path or rm');
  const { options, positionals } = parseCommandArgs(`models ${name}`, rest, sub.options, sub.positionals > 0);
  if (options['help'] === true) {
    io.stdout.write(helpText(sub.usage, sub.summary, sub.options));
    return EXIT.ok;
  }
  if (positionals.length !== sub.positionals) usageError(`models ${name}`, `expected ${sub.positionals === 0 ? 'no model' : 'one model'}, got ${positionals.length}`, `usage: ${sub.usage}`);
  return sub.run(options, positionals[0] ?? '', io);
}

const models: Command = {
  summary: 'list, download, locate and remove models in the Hugging Face cache',
  async run(args, io) {
    try {
      return await modelsCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default models;
