/**
 * `cephalon serve --model M`: the OpenAI-compatible speech server (docs/server.md). Listens at once, loads the
 * model, prints the URL and "ready"; stops cleanly on SIGINT/SIGTERM.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDtype } from '@cephalon/stt';
import { startSpeechServer } from '@cephalon/server';
import type { ServerOptions } from '@cephalon/server';
import { choiceOpt, helpText, intOpt, numberOpt, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { hubOptions } from '../hub-progress.js';
import { untilSignal } from '../interrupt.js';

const CMD = 'serve';

export const SERVE_OPTIONS: OptionTable = {
  model: { type: 'string', short: 'm', value: 'NAME', help: 'alias, Hub id or local model folder (required)' },
  host: { type: 'string', value: 'HOST', defaultText: '127.0.0.1', help: 'interface to bind; 0.0.0.0 opens the server to the network' },
  port: { type: 'string', short: 'p', value: 'PORT', defaultText: '8000', help: 'TCP port; 0 picks a free one' },
  'api-key': { type: 'string', value: 'KEY', help: 'require Authorization: Bearer KEY on every route but /health (or set CEPHALON_API_KEY)' },
  queue: { type: 'string', value: 'N', defaultText: '16', help: 'requests that may wait for a decoding slot; more get 429' },
  concurrency: { type: 'string', value: 'N', defaultText: '1', help: 'requests decoded at the same time' },
  'max-upload-mb': { type: 'string', value: 'MB', defaultText: '25', help: 'largest accepted upload' },
  'max-audio-s': { type: 'string', value: 'SEC', defaultText: '3600', help: 'longest accepted audio' },
  'request-timeout-s': { type: 'string', value: 'SEC', defaultText: '600', help: 'time limit of one request, waiting included' },
  'tls-cert': { type: 'string', value: 'FILE', help: 'serve HTTPS/WSS with this PEM certificate (needs --tls-key)' },
  'tls-key': { type: 'string', value: 'FILE', help: 'PEM private key of --tls-cert' },
  engine: { type: 'string', value: 'KIND', defaultText: 'worker', help: 'where decoding runs: worker (a worker thread) or inline (main thread, async ONNX runs)' },
  dtype: { type: 'string', value: 'DTYPE', defaultText: 'fp32', help: 'weight precision: fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4' },
  threads: { type: 'string', short: 't', value: 'N', defaultText: '0 = runtime default', help: 'threads inside one operator' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const HELP = helpText(
  'cephalon serve --model NAME [options]',
  'Serve the OpenAI audio API (/v1/audio/transcriptions, /v1/audio/translations, /v1/realtime, /v1/models,\n/health, /metrics) from one loaded Whisper model. See docs/server.md.',
  SERVE_OPTIONS,
);

async function tlsOptions(o: ParsedOptions, io: CommandIo): Promise<Partial<ServerOptions>> {
  const cert = stringOpt(o, 'tls-cert');
  const key = stringOpt(o, 'tls-key');
  if (cert === undefined && key === undefined) return {};
  if (cert === undefined || key === undefined) usageError(CMD, '--tls-cert and --tls-key go together');
  const read = async (option: string, file: string): Promise<Buffer> =>
    readFile(resolve(io.cwd, file)).catch((cause: unknown) => usageError(CMD, `option --${option}: cannot read ${file} (${(cause as Error).message})`));
  return { tls: { cert: await read('tls-cert', cert), key: await read('tls-key', key) } };
}

function serverOptions(o: ParsedOptions, io: CommandIo): ServerOptions {
  const model = stringOpt(o, 'model');
  if (model === undefined) usageError(CMD, 'no model given', 'usage: cephalon serve --model NAME');
  const dtype = stringOpt(o, 'dtype');
  const threads = intOpt(CMD, o, 'threads', 0);
  const apiKey = stringOpt(o, 'api-key') ?? io.env['CEPHALON_API_KEY'];
  const num = (name: string, key: keyof ServerOptions, int: boolean): Partial<ServerOptions> => {
    const v = int ? intOpt(CMD, o, name, 0) : numberOpt(CMD, o, name);
    return v === undefined ? {} : { [key]: v };
  };
  const engine = choiceOpt(CMD, o, 'engine', ['inline', 'worker'] as const);
  return {
    model,
    transcriber: {
      hub: hubOptions(io),
      ...(dtype === undefined ? {} : { dtype: parseDtype(dtype) }),
      ...(threads === undefined || threads === 0 ? {} : { threads }),
    },
    ...(stringOpt(o, 'host') === undefined ? {} : { host: stringOpt(o, 'host') as string }),
    ...num('port', 'port', true),
    ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
    ...num('queue', 'queue', true),
    ...num('concurrency', 'concurrency', true),
    ...num('max-upload-mb', 'maxUploadMb', false),
    ...num('max-audio-s', 'maxAudioSec', false),
    ...num('request-timeout-s', 'requestTimeoutSec', false),
    ...(engine === undefined ? {} : { engine }),
  };
}

async function serveCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { options } = parseCommandArgs(CMD, args, SERVE_OPTIONS, false);
  if (options['help'] === true) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const server = await startSpeechServer({ ...serverOptions(options, io), ...(await tlsOptions(options, io)) });
  const stopped = untilSignal();
  try {
    io.stderr.write(`cephalon serve: listening on ${server.url} (loading ${server.options.model} ...)\n`);
    const t0 = performance.now();
    const loaded = await Promise.race([server.ready.then(() => true), stopped.then(() => false)]);
    if (loaded) {
      io.stderr.write(`cephalon serve: ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${server.options.engine} engine, queue ${server.options.queue}${server.options.apiKey === null ? '' : ', API key required'}\n`);
      io.stderr.write(`cephalon serve: stopped by ${await stopped}\n`);
    }
    return EXIT.ok;
  } finally {
    await server.close();
  }
}

const serve: Command = {
  summary: 'serve the OpenAI audio API (REST, server-sent events, realtime WebSocket) from one model',
  async run(args, io) {
    try {
      return await serveCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default serve;
