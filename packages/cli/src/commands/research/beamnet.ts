/**
 * `cephalon research beamnet collect|train|eval`: the beam-approximating network of research-features §2 on a
 * Whisper folder (merged-decoder layout): collect labelled greedy steps (greedy vs beam on windows of audio files
 * and optional espeak-ng sentences), train the network with a seed (split by audio), and judge it on the held-out
 * audio against greedy and beam (agreement with beam, time per token). Default off everywhere else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { synthesizeDataset } from '@cephalon/bench';
import {
  InvalidOptionError, collectBeamnetData, evaluateBeamnet, heldOutWindows, loadExperimentModel, mlpToOnnx, openDenseNet, parseBeamnetData, readBeamnetJson,
  seededSentences, trainFromData, writeBeamnetJson,
} from '@cephalon/stt';
import type { AudioSource, BeamnetData, EvaluationReport, ModeReport } from '@cephalon/stt';
import { helpText, intOpt, numberOpt, parseCommandArgs, stringOpt, usageError } from '../../args.js';
import type { OptionTable, ParsedOptions } from '../../args.js';
import { EXIT } from '../../command.js';
import type { Command, CommandIo } from '../../command.js';
import { reportError } from '../../errors.js';

const C = 'research beamnet';
const HELP_OPTION: OptionTable = { help: { type: 'boolean', short: 'h', help: 'show this help' } };

interface Subcommand {
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionTable;
  run(o: ParsedOptions, io: CommandIo): Promise<number>;
}

function required(o: ParsedOptions, name: string, sub: string): string {
  const v = stringOpt(o, name);
  if (v === undefined) usageError(`${C} ${sub}`, `--${name} is required`);
  return v;
}

function readText(io: CommandIo, path: string, what: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    throw new InvalidOptionError('FILE_UNREADABLE', `cannot read ${what} '${path}': ${(cause as Error).message}`, { hint: 'check the path', details: { file: path } });
  }
}

function offsets(o: ParsedOptions): number[] | undefined {
  const v = stringOpt(o, 'offsets');
  if (v === undefined) return undefined;
  const list = v.split(',').map(Number);
  if (list.length === 0 || list.some((x) => !(x >= 0))) usageError(`${C} collect`, `--offsets must be seconds >= 0 separated by commas, got '${v}'`);
  return list;
}

function modeLine(name: string, m: ModeReport, base: ModeReport): string {
  return `${name.padEnd(14)} agreement ${(100 * m.agreement).toFixed(1).padStart(5)} %  dist/beam token ${m.distance.toFixed(3)}  exact ${m.exactWindows}  ${m.msPerToken.toFixed(3)} ms/token (x${(m.msPerToken / base.msPerToken).toFixed(2)} of greedy)`;
}

function reportText(r: EvaluationReport): string {
  const s = r.steps;
  return [
    `held-out windows ${r.windows}; step level: ${s.aligned} aligned greedy steps (${s.outsideTopK} with beam's token outside the top-10): greedy = beam ${((100 * s.greedyRight) / Math.max(1, s.aligned)).toFixed(1)} %, net = beam ${((100 * s.netRight) / Math.max(1, s.aligned)).toFixed(1)} %`,
    modeLine('greedy', r.greedy, r.greedy),
    modeLine('greedy + net', r.net, r.greedy),
    modeLine('beam', r.beam, r.greedy),
    `net changed ${r.netChanged} of ${r.netSteps} greedy steps (last pass). Random-weight models say nothing about transcription quality: mechanism, agreement and cost only.`,
    '',
  ].join('\n');
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  collect: {
    usage: 'cephalon research beamnet collect --model DIR (--audio FILE ... | --synth N) --out data.json [options]',
    summary: 'decode windows greedily and with beam search, and write labelled greedy steps',
    options: {
      model: { type: 'string', value: 'DIR', help: 'Whisper folder, merged-decoder layout (required)' },
      audio: { type: 'string', value: 'FILE', multiple: true, help: 'audio file (repeatable); each 30 s block of a file is one audio of the split' },
      synth: { type: 'string', value: 'N', defaultText: '0', help: 'also render N seeded sentences with espeak-ng' },
      'synth-dir': { type: 'string', value: 'DIR', defaultText: '<out>.synth', help: 'where the rendered sentences go' },
      out: { type: 'string', value: 'FILE', help: 'data file to write (required)' },
      beam: { type: 'string', value: 'N', defaultText: '5', help: 'beam width of the teacher' },
      offsets: { type: 'string', value: 'SEC,...', defaultText: '0,2.5,5,7.5', help: 'window starts inside each block' },
      'block-sec': { type: 'string', value: 'SEC', defaultText: '30', help: 'block length (the unit of the split)' },
      'sample-len': { type: 'string', value: 'N', defaultText: '224', help: 'maximum tokens per window' },
      timestamps: { type: 'boolean', help: 'decode with timestamp tokens (default: without)' },
      ...HELP_OPTION,
    },
    async run(o, io) {
      const sub = 'collect';
      const out = resolve(io.cwd, required(o, 'out', sub));
      const files = (stringOpt(o, 'audio') ?? '').split(',').filter((f) => f !== '');
      const synth = intOpt(`${C} ${sub}`, o, 'synth', 0) ?? 0;
      if (files.length === 0 && synth === 0) usageError(`${C} ${sub}`, 'give --audio FILE and/or --synth N');
      const sources: AudioSource[] = files.map((f) => ({ id: basename(f).replace(/\.[^.]+$/, ''), path: resolve(io.cwd, f) }));
      if (synth > 0) {
        const dir = resolve(io.cwd, stringOpt(o, 'synth-dir') ?? `${out}.synth`);
        const set = await synthesizeDataset({ scripts: seededSentences(synth, 7), outDir: dir, voices: ['en-us', 'en-gb', 'en-sc', 'en'], ttsCommand: ['espeak-ng', '-v', '{voice}', '-w', '{out}', '--', '{text}'] });
        set.utterances.forEach((u, i) => sources.push({ id: `espeak${i}`, path: resolve(dir, u.audioPath) }));
      }
      const model = await loadExperimentModel(resolve(io.cwd, required(o, 'model', sub)));
      try {
        const offsetsSec = offsets(o);
        const blockSec = numberOpt(`${C} ${sub}`, o, 'block-sec');
        if (blockSec !== undefined && !(blockSec > 0)) usageError(`${C} ${sub}`, '--block-sec must be > 0');
        const plan = { ...(offsetsSec === undefined ? {} : { offsetsSec }), ...(blockSec === undefined ? {} : { blockSec }) };
        const data = await collectBeamnetData(model, sources, {
          plan,
          beamSize: intOpt(`${C} ${sub}`, o, 'beam', 1) ?? 5,
          withoutTimestamps: o['timestamps'] !== true,
          sampleLen: intOpt(`${C} ${sub}`, o, 'sample-len', 1) ?? null,
          onProgress: (d, t, w) => io.stderr.write(`beamnet: window ${d}/${t} ${w}\n`),
          ...(io.interrupt === undefined ? {} : { signal: io.interrupt }),
        });
        writeFileSync(out, JSON.stringify(data));
        const differ = data.examples.filter((e) => e.label > 0).length;
        io.stdout.write(`beamnet: ${data.windows.length} windows, ${data.examples.length} greedy steps (${differ} where beam's aligned token differs) -> ${out}\n`);
        return EXIT.ok;
      } finally {
        await model.dispose();
      }
    },
  },
  train: {
    usage: 'cephalon research beamnet train --data data.json --out net.json [--seed N] [--epochs N] [--hidden 64,64] [--validation 0.25]',
    summary: 'train the network on the collected steps (split by audio, seeded) and write it',
    options: {
      data: { type: 'string', value: 'FILE', help: 'data file from collect (required)' },
      out: { type: 'string', value: 'FILE', help: 'network file to write (required)' },
      seed: { type: 'string', value: 'N', defaultText: '1', help: 'seed of the split, the initial weights and the batch order' },
      epochs: { type: 'string', value: 'N', defaultText: '40', help: 'training epochs (the best validation epoch is kept)' },
      hidden: { type: 'string', value: 'N,...', defaultText: '64,64', help: 'hidden layer sizes' },
      validation: { type: 'string', value: 'FRACTION', defaultText: '0.25', help: 'share of the audio held out' },
      ...HELP_OPTION,
    },
    async run(o, io) {
      const sub = 'train';
      const dataPath = required(o, 'data', sub);
      const out = resolve(io.cwd, required(o, 'out', sub));
      const data = parseBeamnetData(readText(io, dataPath, 'data file'), dataPath);
      const hiddenText = stringOpt(o, 'hidden');
      const hidden = hiddenText?.split(',').map(Number);
      if (hidden !== undefined && hidden.some((h) => !Number.isInteger(h) || h < 1)) usageError(`${C} ${sub}`, `--hidden must be positive integers separated by commas, got '${hiddenText}'`);
      const validationFraction = numberOpt(`${C} ${sub}`, o, 'validation');
      if (validationFraction !== undefined && !(validationFraction > 0 && validationFraction < 1)) usageError(`${C} ${sub}`, '--validation must be between 0 and 1');
      const epochs = intOpt(`${C} ${sub}`, o, 'epochs', 1);
      const seed = intOpt(`${C} ${sub}`, o, 'seed', 0);
      const { result, split, note } = trainFromData(data, {
        ...(seed === undefined ? {} : { seed }),
        ...(epochs === undefined ? {} : { epochs }),
        ...(hidden === undefined ? {} : { hidden }),
        ...(validationFraction === undefined ? {} : { validationFraction }),
        onEpoch: (e) => io.stderr.write(`beamnet: epoch ${e.epoch} train loss ${e.trainLoss.toFixed(4)} val loss ${e.validationLoss.toFixed(4)} val acc ${(100 * e.validationAccuracy).toFixed(1)} %\n`),
      });
      writeFileSync(out, writeBeamnetJson(result.net, note));
      io.stdout.write(`beamnet: trained on ${split.trainAudio.length} audios (${split.train.length} steps), held out ${split.validationAudio.length} (${split.validation.length} steps); best epoch ${result.bestEpoch} -> ${out}\n`);
      return Promise.resolve(EXIT.ok);
    },
  },
  eval: {
    usage: 'cephalon research beamnet eval --model DIR --data data.json --net net.json [--repeats N]',
    summary: 'on the held-out audio: greedy, greedy + network (ONNX Runtime in the loop) and beam side by side',
    options: {
      model: { type: 'string', value: 'DIR', help: 'Whisper folder the data was collected with, or another for timing (required)' },
      data: { type: 'string', value: 'FILE', help: 'data file from collect (required)' },
      net: { type: 'string', value: 'FILE', help: 'network file from train (required)' },
      repeats: { type: 'string', value: 'N', defaultText: '3', help: 'alternating passes (times are medians)' },
      ...HELP_OPTION,
    },
    async run(o, io) {
      const sub = 'eval';
      const dataPath = required(o, 'data', sub);
      const netPath = required(o, 'net', sub);
      const data: BeamnetData = parseBeamnetData(readText(io, dataPath, 'data file'), dataPath);
      const { net, training } = readBeamnetJson(readText(io, netPath, 'network file'), netPath);
      const held = training['validationAudio'];
      if (!Array.isArray(held) || held.length === 0) throw new InvalidOptionError('INVALID_BEAMNET_FILE', `${netPath}: no held-out audio recorded in 'training.validationAudio'`, { hint: 'Train it with `cephalon research beamnet train`.', details: { file: netPath } });
      const audios = held.map(String);
      const heldSet = new Set(audios);
      const model = await loadExperimentModel(resolve(io.cwd, required(o, 'model', sub)));
      const session = await openDenseNet(mlpToOnnx(net));
      try {
        const windows = await heldOutWindows(data, audios);
        const report = await evaluateBeamnet(model, windows, net, session, data.examples.filter((e) => heldSet.has(e.audio)), {
          repeats: intOpt(`${C} ${sub}`, o, 'repeats', 1) ?? 3,
          withoutTimestamps: data.withoutTimestamps,
          sampleLen: data.sampleLen ?? null,
          beamSize: data.beamSize,
          ...(io.interrupt === undefined ? {} : { signal: io.interrupt }),
        });
        io.stdout.write(reportText(report));
        return EXIT.ok;
      } finally {
        await session.dispose();
        await model.dispose();
      }
    },
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(9)}${s.summary}`);
  return `Usage: cephalon research beamnet <collect|train|eval> [options]\n\nA small network that approximates beam search from greedy logits (research-features section 2).\n\nSubcommands:\n${lines.join('\n')}\n\nRun 'cephalon research beamnet <subcommand> --help' for its options.\n`;
}

const beamnet: Command = {
  summary: 'network approximating beam search from greedy logits: collect, train, eval',
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    try {
      const [name, ...rest] = args;
      if (name === undefined || name === '--help' || name === '-h') {
        io.stdout.write(usage());
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
      if (sub === undefined) usageError(C, `unknown subcommand '${name}'`, 'use collect, train or eval');
      const { options } = parseCommandArgs(`${C} ${name}`, rest, sub.options, false);
      if (options['help'] === true) {
        io.stdout.write(helpText(sub.usage, sub.summary, sub.options));
        return EXIT.ok;
      }
      return await sub.run(options, io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default beamnet;
