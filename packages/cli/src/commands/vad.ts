/**
 * `cephalon vad FILE`: prints the speech regions of an audio file (Silero VAD v5 by default), as
 * `[{ "start": s, "end": s }]` with `--format json`, or one `start --> end` line per region.
 */
import { resolve } from 'node:path';
import { detectSpeech, formatTimestamp, loadAudio, VTT_TIMESTAMP } from '@cephalon/stt';
import type { SpeechRegion } from '@cephalon/stt';
import { choiceOpt, helpText, parseCommandArgs, usageError } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { ProgressBar, secondsAmount } from '../progress-bar.js';
import { VAD_SETTINGS, vadPlan } from '../vad-options.js';
import type { OptionTable } from '../args.js';

const OPTIONS: OptionTable = {
  format: { type: 'string', short: 'f', value: 'FMT', defaultText: 'text', help: "'text' (one region per line) or 'json' ([{ start, end }] in seconds)" },
  ...VAD_SETTINGS,
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const HELP = helpText(
  'cephalon vad <file> [options]',
  "Find the speech in an audio file (voice activity detection) and print the regions in seconds.\nDefaults are faster-whisper's get_speech_timestamps options.",
  OPTIONS,
);

/** Regions as printed: seconds rounded to the millisecond. */
export function regionsJson(regions: readonly SpeechRegion[]): string {
  const ms = (s: number): number => Math.round(s * 1000) / 1000;
  return JSON.stringify(regions.map((r) => ({ start: ms(r.startSec), end: ms(r.endSec) })));
}

async function vadCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { options, positionals } = parseCommandArgs('vad', args, OPTIONS, true);
  if (options['help'] === true) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) usageError('vad', positionals.length === 0 ? 'no audio file given' : 'give one audio file', 'usage: cephalon vad <file> [--format json]');
  const format = choiceOpt('vad', options, 'format', ['text', 'json'] as const) ?? 'text';
  const plan = vadPlan('vad', options, true);
  const file = positionals[0] as string;
  const audio = await loadAudio(resolve(io.cwd, file));
  const bar = new ProgressBar(io.stderr, file, secondsAmount);
  let regions: SpeechRegion[];
  try {
    regions = await detectSpeech(audio, { ...plan.options, model: plan.model, onProgress: (done, total) => bar.update(done, total) });
  } finally {
    bar.finish();
  }
  if (format === 'json') io.stdout.write(regionsJson(regions) + '\n');
  else for (const r of regions) io.stdout.write(`${formatTimestamp(r.startSec, VTT_TIMESTAMP)} --> ${formatTimestamp(r.endSec, VTT_TIMESTAMP)}\n`);
  return EXIT.ok;
}

const vad: Command = {
  summary: 'print the speech regions of an audio file (voice activity detection)',
  async run(args, io) {
    try {
      return await vadCommand(args, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default vad;
