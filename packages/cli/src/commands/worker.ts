/**
 * `cephalon worker --redis URL --model M [--concurrency N]`: a batch worker (docs/queue.md). Runs until SIGINT or
 * SIGTERM, then finishes its active jobs and stops.
 */
import { parseDtype } from '@cephalon/stt';
import { startBatchWorker } from '@cephalon/server';
import { choiceOpt, helpText, intOpt, numberOpt, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { untilSignal } from '../interrupt.js';

const CMD = 'worker';

const OPTIONS: OptionTable = {
  redis: { type: 'string', value: 'URL', help: 'Redis URL, e.g. redis://127.0.0.1:6379 (required)' },
  model: { type: 'string', short: 'm', value: 'NAME', help: 'alias, Hub id or local model folder (required)' },
  concurrency: { type: 'string', value: 'N', defaultText: '1', help: 'jobs decoded at the same time' },
  'queue-name': { type: 'string', value: 'NAME', defaultText: 'cephalon-transcribe', help: 'BullMQ queue' },
  'lock-s': { type: 'string', value: 'SEC', defaultText: '30', help: "lock on an active job; a dead worker's job is taken over after about this long" },
  name: { type: 'string', value: 'NAME', defaultText: 'host:pid', help: 'worker name recorded in progress and results' },
  engine: { type: 'string', value: 'KIND', defaultText: 'worker', help: 'where decoding runs: worker (a worker thread) or inline' },
  dtype: { type: 'string', value: 'DTYPE', defaultText: 'fp32', help: 'weight precision' },
  threads: { type: 'string', short: 't', value: 'N', defaultText: '0 = runtime default', help: 'threads inside one operator' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const HELP = helpText('cephalon worker --redis URL --model NAME [options]', 'Take transcription jobs from a Redis queue (cephalon queue submit) until stopped. See docs/queue.md.', OPTIONS);

async function workerCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { options: o } = parseCommandArgs(CMD, args, OPTIONS, false);
  if (o['help'] === true) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const redisUrl = stringOpt(o, 'redis') ?? usageError(CMD, 'no --redis URL given');
  const model = stringOpt(o, 'model') ?? usageError(CMD, 'no --model given');
  const dtype = stringOpt(o, 'dtype');
  const threads = intOpt(CMD, o, 'threads', 0);
  const lockSec = numberOpt(CMD, o, 'lock-s');
  const name = stringOpt(o, 'name');
  const queueName = stringOpt(o, 'queue-name');
  const engine = choiceOpt(CMD, o, 'engine', ['inline', 'worker'] as const);
  const worker = await startBatchWorker({
    redisUrl,
    model,
    concurrency: intOpt(CMD, o, 'concurrency', 1) ?? 1,
    transcriber: { ...(dtype === undefined ? {} : { dtype: parseDtype(dtype) }), ...(threads === undefined || threads === 0 ? {} : { threads }) },
    ...(lockSec === undefined ? {} : { lockSec }),
    ...(name === undefined ? {} : { name }),
    ...(queueName === undefined ? {} : { queueName }),
    ...(engine === undefined ? {} : { engine }),
    onEvent: (e) => io.stderr.write(`cephalon worker: ${e.kind} ${e.file} (job ${e.jobId})${e.message === undefined ? '' : `: ${e.message}`}\n`),
  });
  io.stderr.write(`cephalon worker: ${worker.name} ready on ${redisUrl}\n`);
  const signal = await untilSignal();
  io.stderr.write(`cephalon worker: stopping (${signal}); finishing active jobs\n`);
  await worker.close();
  return EXIT.ok;
}

const worker: Command = {
  summary: 'take transcription jobs from a Redis queue (BullMQ) until stopped',
  async run(args, io) {
    try {
      return await workerCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default worker;
