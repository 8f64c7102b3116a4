/**
 * `cephalon transcribe <files...>`: loads the model once, transcribes each file with a progress bar in audio
 * seconds (speed and time left), and writes `<output-dir>/<name>.<format>` for each format. A failing file is
 * reported (naming it) and skipped, as OpenAI's CLI does; the exit code is then that of the first failure.
 * Ctrl-C stops after the current window, writes the partial transcript and exits 130; a second Ctrl-C quits.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AudioDecodeError, createTranscriber, formatTimestamp, formatTranscript, hasMeasuredWords, languageName, RuntimeError, VTT_TIMESTAMP } from '@cephalon/stt';
import type { LanguageEvent, Segment, Transcriber, Transcript } from '@cephalon/stt';
import { helpText, parseCommandArgs, usageError } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { downloadProgress, hubOptions } from '../hub-progress.js';
import { listenForInterrupt } from '../interrupt.js';
import { ProgressBar, secondsAmount } from '../progress-bar.js';
import { prepareOutputDir, uniqueBasenames, writeOutputs } from '../write-outputs.js';
import { TRANSCRIBE_COMPAT } from './transcribe-compat.js';
import { TRANSCRIBE_OPTIONS, transcribePlan } from './transcribe-options.js';
import type { TranscribePlan } from './transcribe-options.js';

const HELP = helpText(
  'cephalon transcribe <files...|-> [options]',
  'Transcribe (or translate) audio files with a Whisper model; writes txt, vtt, srt, tsv and json files.\n' +
    'Defaults are those of OpenAI whisper transcribe(). Values starting with "-" may be given as --option=-1.\n' +
    "'-' reads the audio from stdin; '-o -' writes the one format chosen with -f to stdout.\n" +
    'OpenAI spellings (--output_format srt, --verbose True) and some whisper.cpp ones (-otxt) are accepted: see docs/cli.md.',
  TRANSCRIBE_OPTIONS,
);

/** Output folder value that means "stdout". */
const STDOUT = '-';
/** Input that means "stdin". */
const STDIN = '-';

/** One input: a checked file path, or stdin. */
interface Input {
  readonly label: string;
  /** Absolute path, or undefined for stdin. */
  readonly path: string | undefined;
}

/** Resolves every input against `cwd` and checks it is a readable regular file, before any model is loaded. */
async function checkInputs(files: readonly string[], cwd: string): Promise<Input[]> {
  if (files.filter((f) => f === STDIN).length > 1) usageError('transcribe', "'-' (stdin) can be given only once");
  const inputs: Input[] = [];
  for (const file of files) {
    if (file === STDIN) {
      inputs.push({ label: 'stdin', path: undefined });
      continue;
    }
    const path = resolve(cwd, file);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) {
      const why = info === undefined ? 'does not exist' : info.isDirectory() ? 'is a directory' : 'is not a regular file';
      throw new AudioDecodeError('AUDIO_NOT_FOUND', `audio file ${file} ${why}`, { hint: 'check the path', details: { path } });
    }
    inputs.push({ label: file, path });
  }
  return inputs;
}

async function readStdin(io: CommandIo): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  if (bytes.byteLength === 0) throw new AudioDecodeError('AUDIO_EMPTY', 'stdin held no audio (0 bytes)', { hint: 'pipe an audio file in, e.g. cat talk.wav | cephalon transcribe -' });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function cudaError(error: RuntimeError): RuntimeError {
  return new RuntimeError(error.code, '--device cuda needs the CUDA build of onnxruntime-node, which is not installed here', {
    hint: `run with --device cpu, or install the CUDA build: ${(error.hint ?? '').replace(/^Install the CUDA build of ONNX Runtime: /, '').replace(/, or use executionProviders.*$/, '')}`,
    cause: error,
  });
}

async function loadTranscriber(plan: TranscribePlan, io: CommandIo, signal: AbortSignal): Promise<Transcriber> {
  const download = downloadProgress(io);
  try {
    return await createTranscriber({
      model: plan.model,
      hub: { ...hubOptions(io), onProgress: download.onProgress, signal },
      audio: plan.audio,
      ...(plan.dtype === undefined ? {} : { dtype: plan.dtype }),
      ...(plan.device === undefined ? {} : { device: plan.device }),
      ...(plan.threads === undefined ? {} : { threads: plan.threads }),
    });
  } catch (error) {
    if (error instanceof RuntimeError && error.code === 'CUDA_UNAVAILABLE') throw cudaError(error);
    throw error;
  } finally {
    download.finish();
  }
}

/** One `--verbose` line, as OpenAI's CLI prints it: `[00:00.000 --> 00:03.000] text`. */
export function segmentLine(s: Segment): string {
  return `[${formatTimestamp(s.startSec, VTT_TIMESTAMP)} --> ${formatTimestamp(s.endSec, VTT_TIMESTAMP)}] ${s.text}\n`;
}

/** `Detected language: English (0.97)`. */
export function languageLine(e: LanguageEvent): string {
  const name = languageName(e.language) ?? e.language;
  return `Detected language: ${name.charAt(0).toUpperCase()}${name.slice(1)} (${e.probability.toFixed(2)})\n`;
}

interface RunContext {
  readonly plan: TranscribePlan;
  readonly io: CommandIo;
  readonly signal: AbortSignal;
  /** Where segments and the detected language go: stdout, or stderr when stdout carries the output (`-o -`). */
  readonly verboseOut: NodeJS.WritableStream;
}

async function transcribeOne(transcriber: Transcriber, input: Input, name: string, ctx: RunContext): Promise<void> {
  const { plan, io } = ctx;
  const audio = input.path ?? (await readStdin(io));
  const bar = new ProgressBar(io.stderr, input.label, secondsAmount, { rateUnit: 's/s' });
  let transcript: Transcript;
  try {
    transcript = await transcriber.transcribe(audio, {
      ...plan.options,
      signal: ctx.signal,
      onProgress: (e) => bar.update(e.doneSec, e.totalSec),
      onLanguage: (e) => bar.printAbove(() => (plan.verbose ? ctx.verboseOut : io.stderr).write(languageLine(e))),
      ...(plan.verbose ? { onSegment: (s: Segment) => bar.printAbove(() => ctx.verboseOut.write(segmentLine(s))) } : {}),
    });
    if (transcript.partial !== true) bar.update(transcript.durationSec, transcript.durationSec);
  } finally {
    bar.finish();
  }
  for (const w of transcript.warnings ?? []) io.stderr.write(`cephalon: warning: ${input.label}: ${w.message}\n`);
  const lineOptions = ['maxLineWidth', 'maxLineCount', 'maxWordsPerLine', 'highlightWords'] as const;
  if (!hasMeasuredWords(transcript.segments) && lineOptions.some((k) => plan.writer[k] !== undefined) && plan.formats.some((f) => f === 'srt' || f === 'vtt')) {
    const estimated = transcript.segments.some((s) => (s.words ?? []).length > 0);
    const why = estimated ? 'its word times are estimates' : 'it has no word timings';
    io.stderr.write(`cephalon: warning: the subtitle line options have no effect: ${why} (use --word-timestamps on a timestamped model)\n`);
  }
  if (plan.outputDir === STDOUT) {
    for (const format of plan.formats) io.stdout.write(formatTranscript(transcript, format, plan.writer));
  } else {
    const written = await writeOutputs(transcript, plan.formats, resolve(io.cwd, plan.outputDir), name, plan.writer);
    io.stderr.write(`${input.label}: wrote ${written.join(', ')}\n`);
  }
  if (transcript.partial === true) {
    const last = transcript.segments.at(-1)?.endSec ?? 0;
    io.stderr.write(`cephalon: ${input.label}: interrupted: the output is partial (up to ${last.toFixed(1)} of ${transcript.durationSec.toFixed(1)} s; JSON has "partial": true)\n`);
  }
}

async function transcribeCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { options, positionals, warnings } = parseCommandArgs('transcribe', args, TRANSCRIBE_OPTIONS, true, TRANSCRIBE_COMPAT);
  if (options['help'] === true) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) usageError('transcribe', 'no audio file given', 'usage: cephalon transcribe <files...> [options]');
  const plan = transcribePlan(options);
  for (const warning of [...warnings, ...plan.warnings]) io.stderr.write(`cephalon: warning: ${warning}\n`);
  if (plan.outputDir === STDOUT && plan.formats.length !== 1) {
    usageError('transcribe', `-o - writes one format to stdout, but ${plan.formats.length} are chosen (${plan.formats.join(', ')})`, 'choose one with -f, e.g. -f srt');
  }
  const inputs = await checkInputs(positionals, io.cwd);
  const names = uniqueBasenames(inputs.map((i) => i.path ?? 'stdin'));
  names.forEach((n, i) => {
    const input = inputs[i] as Input;
    const plain = uniqueBasenames([input.path ?? 'stdin'])[0];
    if (plan.outputDir !== STDOUT && n !== plain) io.stderr.write(`cephalon: note: ${input.label} shares its base name with another input; its outputs are named ${n}.*\n`);
  });
  if (plan.outputDir !== STDOUT) await prepareOutputDir(resolve(io.cwd, plan.outputDir));
  const interrupt = listenForInterrupt(io, 'finishing the current window, then writing what is transcribed; press Ctrl-C again to quit at once');
  const ctx: RunContext = { plan, io, signal: interrupt.signal, verboseOut: plan.outputDir === STDOUT ? io.stderr : io.stdout };
  let exitCode: number = EXIT.ok;
  try {
    let transcriber: Transcriber;
    try {
      transcriber = await loadTranscriber(plan, io, interrupt.signal);
    } catch (error) {
      if (!interrupt.signal.aborted) throw error;
      io.stderr.write('cephalon: interrupted while loading the model; a partial download is kept and resumed next time\n');
      return EXIT.interrupted;
    }
    try {
      for (const [i, input] of inputs.entries()) {
        if (interrupt.signal.aborted) break;
        try {
          await transcribeOne(transcriber, input, names[i] as string, ctx);
        } catch (error) {
          if (interrupt.signal.aborted && error instanceof Error && error.name === 'AbortError') {
            io.stderr.write(`cephalon: ${input.label}: interrupted while reading the audio; nothing written\n`);
            break;
          }
          const code = reportError(error, io.stderr, io.env, inputs.length > 1 ? input.label : undefined);
          if (exitCode === EXIT.ok) exitCode = code;
        }
      }
    } finally {
      await transcriber.dispose();
    }
  } finally {
    interrupt.dispose();
  }
  return interrupt.signal.aborted ? EXIT.interrupted : exitCode;
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
