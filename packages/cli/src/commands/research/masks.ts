/**
 * `cephalon research masks --model DIR AUDIO --strategy window:4,decay:0.9`: graded attention masks (research section 5)
 * on the first 30 s window of AUDIO with a fixed-shape model (`cephalon export --static`; graded strategies need the
 * library export option `attentionBias`). Greedy decodes with the exact mask, then each strategy; prints token
 * agreement with the exact mask, mean token probability and confidence, repeats and time.
 */
import { resolve } from 'node:path';
import { DEFAULT_WINDOW_DECODE_OPTIONS, encodeFirstWindow, loadAudio, loadResearchModel, parseMaskStrategy, runMaskSweep } from '@cephalon/stt';
import { helpText, intOpt, parseCommandArgs, stringOpt, usageError } from '../../args.js';
import type { OptionTable } from '../../args.js';
import { EXIT } from '../../command.js';
import type { Command } from '../../command.js';
import { reportError } from '../../errors.js';

const NAME = 'research masks';
const USAGE = 'cephalon research masks --model DIR AUDIO --strategy window:4[,decay:0.9,...] [--sample-len N] [--json]';
const OPTIONS: OptionTable = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  model: { type: 'string', value: 'DIR', help: 'fixed-shape model folder (cephalon export --static; required)' },
  strategy: { type: 'string', value: 'S', multiple: true, help: 'exact, floor:N, int:V, window:W, decay:G, counter:A, confidence:FRAME:THRESHOLD, confidence-soft:FRAME:BETA (comma-separated or repeated; required)' },
  'sample-len': { type: 'string', value: 'N', defaultText: '96', help: 'maximum sampled tokens' },
  language: { type: 'string', value: 'CODE', defaultText: 'en', help: 'language of the decode' },
  json: { type: 'boolean', help: 'print the rows as JSON' },
};

const masks: Command = {
  summary: 'graded attention masks on the fixed-shape decoder: agreement with the exact mask per strategy',
  async run(args, io) {
    try {
      const { options: o, positionals } = parseCommandArgs(NAME, args, OPTIONS, true);
      if (o['help'] === true) {
        io.stdout.write(helpText(USAGE, masks.summary + '.\nThe int64 attention_mask only blocks (0) or attends (any other value); graded strategies use the float attention_bias input.\nWith random-weight models only agreement, confidence shifts and cost mean anything.', OPTIONS));
        return EXIT.ok;
      }
      const model = stringOpt(o, 'model');
      if (model === undefined) usageError(NAME, '--model DIR is required');
      const spec = stringOpt(o, 'strategy');
      if (spec === undefined) usageError(NAME, '--strategy is required');
      if (positionals.length !== 1) usageError(NAME, 'give exactly one AUDIO file');
      const strategies = spec.split(',').filter((s) => s.trim().length > 0).map(parseMaskStrategy);
      const sampleLen = intOpt(NAME, o, 'sample-len', 1) ?? 96;
      const audio = await loadAudio(resolve(io.cwd, positionals[0] as string));
      const loaded = await loadResearchModel(resolve(io.cwd, model));
      try {
        if (!loaded.isStatic) usageError(NAME, `${model} is not a fixed-shape model`, 'export one with cephalon export --static');
        const encoded = await encodeFirstWindow(loaded.model, audio.samples);
        const options = { ...DEFAULT_WINDOW_DECODE_OPTIONS, language: stringOpt(o, 'language') ?? 'en', withoutTimestamps: true, sampleLen };
        const rows = await runMaskSweep(loaded.model.decoder, loaded.tokenizer, [{ name: 'audio', encoded, options }], strategies);
        if (o['json'] === true) {
          io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return EXIT.ok;
        }
        io.stdout.write(`${'strategy'.padEnd(26)}agree exact  lead  mean p  mean conf  repeats  tokens  ms\n`);
        for (const r of rows) {
          io.stdout.write(`${r.strategy.padEnd(26)}${r.vsExact.rate.toFixed(3).padEnd(13)}${String(r.vsExact.leading).padEnd(6)}${r.meanTokenProb.toFixed(3).padEnd(8)}${r.meanConfidence.toFixed(3).padEnd(11)}${String(r.immediateRepeats).padEnd(9)}${String(r.tokens.length).padEnd(8)}${r.decodeMs.toFixed(0)}\n`);
        }
        return EXIT.ok;
      } finally {
        await loaded.model.dispose();
      }
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default masks;
