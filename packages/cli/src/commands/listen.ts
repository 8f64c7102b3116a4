/**
 * `cephalon listen`: live transcription from the microphone, raw PCM on stdin, or a file played in simulated real
 * time. Prints committed text and the current partial on one updating line, or one JSON event per line. Ctrl-C
 * stops the stream cleanly: the last event is `final` with everything committed (a second Ctrl-C quits at once).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AudioDecodeError, createTranscriber } from '@cephalon/stt';
import type { Transcriber } from '@cephalon/stt';
import { helpText, parseCommandArgs } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { downloadProgress, hubOptions } from '../hub-progress.js';
import { humanPrinter, jsonlPrinter } from '../listen/output.js';
import { openFile, openMicrophone, openStdin, pickMicBackend } from '../listen/sources.js';
import type { ListenSource } from '../listen/sources.js';
import { LISTEN_OPTIONS, listenPlan } from './listen-options.js';
import type { ListenPlan } from './listen-options.js';

const HELP = helpText(
  'cephalon listen [--input mic|-|FILE] [options]',
  'Live transcription (LocalAgreement streaming, VAD-gated). Sources: the microphone (ffmpeg pulse/alsa input or\n' +
    'arecord), raw PCM on stdin (--input - --format-in s16le --rate 16000 --channels 1), or a file played at\n' +
    '--speed X times real time (0 = as fast as possible). Ctrl-C ends with a final event. See docs/streaming.md.',
  LISTEN_OPTIONS,
);

/** Fails fast, before the model is loaded: a missing file, no microphone recorder. */
export async function checkSource(plan: ListenPlan, io: CommandIo): Promise<void> {
  const input = plan.input;
  if (input.kind === 'mic') {
    pickMicBackend(input.backend);
    return;
  }
  if (input.kind !== 'file') return;
  const path = resolve(io.cwd, input.path);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new AudioDecodeError('AUDIO_NOT_FOUND', `audio file ${input.path} ${info === undefined ? 'does not exist' : 'is not a file'}`, { hint: 'check the path, or use --input mic / --input -', details: { path } });
  }
}

export async function openSource(plan: ListenPlan, io: CommandIo): Promise<ListenSource> {
  const input = plan.input;
  if (input.kind === 'mic') return openMicrophone(input.backend, input.device);
  if (input.kind === 'stdin') return openStdin(io.stdin, input.pcm);
  return openFile(resolve(io.cwd, input.path), input.speed, input.chunkSec);
}

export async function loadTranscriber(plan: ListenPlan, io: CommandIo): Promise<Transcriber> {
  const download = downloadProgress(io);
  try {
    return await createTranscriber({
      model: plan.model,
      hub: { ...hubOptions(io), onProgress: download.onProgress },
      ...(plan.dtype === undefined ? {} : { dtype: plan.dtype }),
      ...(plan.device === undefined ? {} : { device: plan.device }),
      ...(plan.threads === undefined ? {} : { threads: plan.threads }),
    });
  } finally {
    download.finish();
  }
}

async function listenCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { options } = parseCommandArgs('listen', args, LISTEN_OPTIONS, false);
  if (options['help'] === true) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const plan = listenPlan(options);
  await checkSource(plan, io);
  const transcriber = await loadTranscriber(plan, io);
  let source: ListenSource | undefined;
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    source = await openSource(plan, io);
    io.stderr.write(`cephalon: listening to ${source.label} (Ctrl-C to stop)\n`);
    const printer = plan.format === 'jsonl' ? jsonlPrinter(io.stdout) : humanPrinter(io.stdout);
    const stream = transcriber.stream(source.chunks, {
      ...plan.stream,
      ...(source.pcm === undefined ? {} : { input: { pcm: source.pcm } }),
      signal: controller.signal,
    });
    for await (const event of stream) printer.print(event);
  } finally {
    process.off('SIGINT', onSigint);
    source?.close();
    await transcriber.dispose();
  }
  return EXIT.ok;
}

const listen: Command = {
  summary: 'live transcription from the microphone, stdin or a file in simulated real time',
  async run(args, io) {
    try {
      return await listenCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default listen;
