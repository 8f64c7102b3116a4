/**
 * `cephalon transcribe <files...>`: loads the model once, transcribes each file with a progress bar in audio
 * seconds, and writes `<output-dir>/<name>.<format>` for each format. A failing file is reported and skipped,
 * as OpenAI's CLI does; the exit code is then that of the first failure.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AudioDecodeError, createTranscriber, formatTimestamp, hasMeasuredWords, VTT_TIMESTAMP } from '@cephalon/stt';
import type { Transcriber, Transcript } from '@cephalon/stt';
import { helpText, parseCommandArgs, usageError } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { downloadProgress, hubOptions } from '../hub-progress.js';
import { ProgressBar, secondsAmount } from '../progress-bar.js';
import { outputBasename, writeOutputs } from '../write-outputs.js';
import { TRANSCRIBE_OPTIONS, transcribePlan } from './transcribe-options.js';
import type { TranscribePlan } from './transcribe-options.js';

const HELP = helpText(
  'cephalon transcribe <files...> [options]',
  'Transcribe (or translate) audio files with a Whisper model; writes txt, vtt, srt, tsv and json files.\n' +
    'Defaults are those of OpenAI whisper transcribe(). Values starting with "-" may be given as --option=-1.',
  TRANSCRIBE_OPTIONS,
);

/** Resolves every input against `cwd` and checks it is a readable file, before any model is loaded. */
async function checkInputs(files: readonly string[], cwd: string): Promise<string[]> {
  const paths: string[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) {
      const why = info === undefined ? 'does not exist' : 'is not a file';
      throw new AudioDecodeError('AUDIO_NOT_FOUND', `audio file ${file} ${why}`, { hint: 'check the path', details: { path } });
    }
    paths.push(path);
  }
  return paths;
}

async function loadTranscriber(plan: TranscribePlan, io: CommandIo): Promise<Transcriber> {
  const download = downloadProgress(io);
  try {
    return await createTranscriber({
      model: plan.model,
      hub: { ...hubOptions(io), onProgress: download.onProgress },
      audio: plan.audio,
      ...(plan.dtype === undefined ? {} : { dtype: plan.dtype }),
      ...(plan.device === undefined ? {} : { device: plan.device }),
      ...(plan.threads === undefined ? {} : { threads: plan.threads }),
    });
  } finally {
    download.finish();
  }
}

function printSegments(transcript: Transcript, stdout: NodeJS.WritableStream): void {
  for (const s of transcript.segments) {
    stdout.write(`[${formatTimestamp(s.startSec, VTT_TIMESTAMP)} --> ${formatTimestamp(s.endSec, VTT_TIMESTAMP)}] ${s.text}\n`);
  }
}

async function transcribeOne(transcriber: Transcriber, path: string, label: string, plan: TranscribePlan, io: CommandIo): Promise<void> {
  const bar = new ProgressBar(io.stderr, label, secondsAmount);
  let transcript: Transcript;
  try {
    transcript = await transcriber.transcribe(path, { ...plan.options, onProgress: (e) => bar.update(e.doneSec, e.totalSec) });
    bar.update(transcript.durationSec, transcript.durationSec);
  } finally {
    bar.finish();
  }
  if (plan.verbose) printSegments(transcript, io.stdout);
  const lineOptions = ['maxLineWidth', 'maxLineCount', 'maxWordsPerLine', 'highlightWords'] as const;
  if (!hasMeasuredWords(transcript.segments) && lineOptions.some((k) => plan.writer[k] !== undefined) && plan.formats.some((f) => f === 'srt' || f === 'vtt')) {
    const estimated = transcript.segments.some((s) => (s.words ?? []).length > 0);
    const why = estimated ? 'its word times are estimates' : 'it has no word timings';
    io.stderr.write(`cephalon: warning: the subtitle line options have no effect: ${why} (use --word-timestamps on a timestamped model)\n`);
  }
  const written = await writeOutputs(transcript, plan.formats, resolve(io.cwd, plan.outputDir), outputBasename(path), plan.writer);
  io.stderr.write(`${label}: wrote ${written.join(', ')}\n`);
}

async function transcribeCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { options, positionals } = parseCommandArgs('transcribe', args, TRANSCRIBE_OPTIONS, true);
  if (options['help'] === true) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) usageError('transcribe', 'no audio file given', 'usage: cephalon transcribe <files...> [options]');
  const plan = transcribePlan(options);
  for (const warning of plan.warnings) io.stderr.write(`cephalon: warning: ${warning}\n`);
  const paths = await checkInputs(positionals, io.cwd);
  const transcriber = await loadTranscriber(plan, io);
  let exitCode: number = EXIT.ok;
  try {
    for (const [i, path] of paths.entries()) {
      try {
        await transcribeOne(transcriber, path, positionals[i] ?? path, plan, io);
      } catch (error) {
        const code = reportError(error, io.stderr, io.env);
        if (exitCode === EXIT.ok) exitCode = code;
      }
    }
  } finally {
    await transcriber.dispose();
  }
  return exitCode;
}

const transcribe: Command = {
  summary: 'transcribe or translate audio files into txt, vtt, srt, tsv and json',
  async run(args, io) {
    try {
      return await transcribeCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default transcribe;
