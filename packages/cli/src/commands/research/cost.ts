/**
 * `cephalon research cost --model DIR AUDIO`: cost decoding (research section 3) on the first 30 s window of AUDIO:
 * plain beam search next to beam search with the phoneme/pause ledger (and the optional entropy and repetition terms),
 * with the audio's budget, each result's phoneme and token counts (and the known text's, with --text), the beam steps
 * whose decision the cost changed, and the cost term's time per step.
 */
import { resolve } from 'node:path';
import { DEFAULT_COST_OPTIONS, encodeFirstWindow, EspeakPhonemizer, estimateAudioBudget, loadAudio, loadResearchModel, runCostArms, textPhonemes } from '@cephalon/stt';
import type { CostDecodingOptions } from '@cephalon/stt';
import { boolOpt, choiceOpt, helpText, intOpt, numberOpt, parseCommandArgs, stringOpt, usageError } from '../../args.js';
import type { OptionTable, ParsedOptions } from '../../args.js';
import { EXIT } from '../../command.js';
import type { Command } from '../../command.js';
import { reportError } from '../../errors.js';

const NAME = 'research cost';
const USAGE = 'cephalon research cost --model DIR AUDIO [--text "known text"] [--lambda 0.1] [options]';
const OPTIONS: OptionTable = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  model: { type: 'string', value: 'DIR', help: 'model folder (fp32 ONNX written by cephalon export; required)' },
  text: { type: 'string', value: 'TEXT', help: 'the known spoken text: its phonemes and tokens are printed next to the decodes' },
  lambda: { type: 'string', value: 'L', defaultText: '0.1', help: 'weight of the ledger cost (0 = ledger off)' },
  'no-phonemes': { type: 'boolean', help: 'leave the phoneme pool out of the cost' },
  'no-pauses': { type: 'boolean', help: 'leave the pause pool out of the cost' },
  'token-cost': { type: 'string', value: 'KIND', defaultText: 'phonemes', help: 'a word token costs its espeak-ng phonemes, or 1 (unit; budget = voiced runs)' },
  lookup: { type: 'string', value: 'KIND', defaultText: 'word', help: 'phonemes of the whole growing word (word) or summed per BPE piece (piece, faster)' },
  rate: { type: 'string', value: 'N', defaultText: String(DEFAULT_COST_OPTIONS.phonemesPerVoicedSec), help: 'phonemes per voiced second (phoneme budget)' },
  slack: { type: 'string', value: 'N', defaultText: String(DEFAULT_COST_OPTIONS.slack), help: 'slack added to both pools' },
  'pause-rule': { type: 'string', value: 'RULE', defaultText: 'debit', help: 'pause tokens debit or credit the pause pool' },
  mu: { type: 'string', value: 'M', defaultText: '0', help: 'weight of the unspent-budget term' },
  entropy: { type: 'string', value: 'W', defaultText: '0', help: 'entropy cost weight (section 3.2)' },
  repetition: { type: 'string', value: 'W', defaultText: '0', help: 'repeated 3-gram cost weight (section 3.2)' },
  'beam-size': { type: 'string', value: 'N', defaultText: '5', help: 'beams' },
  'sample-len': { type: 'string', value: 'N', defaultText: '96', help: 'maximum sampled tokens' },
  json: { type: 'boolean', help: 'print the results as JSON' },
};

function costOptions(o: ParsedOptions): CostDecodingOptions {
  const num = (name: string, fallback: number): number => {
    const v = numberOpt(NAME, o, name) ?? fallback;
    if (!(v >= 0)) usageError(NAME, `--${name} must be a number >= 0, got ${v}`);
    return v;
  };
  return {
    ...DEFAULT_COST_OPTIONS,
    lambda: num('lambda', 0.1),
    phonemePool: boolOpt(NAME, o, 'no-phonemes') !== true,
    pausePool: boolOpt(NAME, o, 'no-pauses') !== true,
    tokenCost: choiceOpt(NAME, o, 'token-cost', ['phonemes', 'unit'] as const) ?? 'phonemes',
    phonemeLookup: choiceOpt(NAME, o, 'lookup', ['word', 'piece'] as const) ?? 'word',
    phonemesPerVoicedSec: num('rate', DEFAULT_COST_OPTIONS.phonemesPerVoicedSec),
    slack: num('slack', DEFAULT_COST_OPTIONS.slack),
    pauseRule: choiceOpt(NAME, o, 'pause-rule', ['debit', 'credit'] as const) ?? 'debit',
    mu: num('mu', 0),
    entropyWeight: num('entropy', 0),
    repetitionWeight: num('repetition', 0),
  };
}

const cost: Command = {
  summary: 'cost decoding: beam search with a phoneme/pause ledger from the audio, next to plain beam',
  async run(args, io) {
    try {
      const { options: o, positionals } = parseCommandArgs(NAME, args, OPTIONS, true);
      if (o['help'] === true) {
        io.stdout.write(helpText(USAGE, cost.summary + '.\nWith random-weight models the text is gibberish: only the mechanism and the direction of the change mean anything.', OPTIONS));
        return EXIT.ok;
      }
      const model = stringOpt(o, 'model');
      if (model === undefined) usageError(NAME, '--model DIR is required');
      if (positionals.length !== 1) usageError(NAME, 'give exactly one AUDIO file');
      const options = costOptions(o);
      const beamSize = intOpt(NAME, o, 'beam-size', 1) ?? 5;
      const sampleLen = intOpt(NAME, o, 'sample-len', 1) ?? 96;
      const audio = await loadAudio(resolve(io.cwd, positionals[0] as string));
      const budget = await estimateAudioBudget(audio.samples);
      const loaded = await loadResearchModel(resolve(io.cwd, model));
      const phonemizer = new EspeakPhonemizer();
      try {
        const encoded = await encodeFirstWindow(loaded.model, audio.samples);
        const rows = await runCostArms({ decoder: loaded.model.decoder, tokenizer: loaded.tokenizer }, encoded, budget, [{ name: 'beam', options: null }, { name: 'beam + cost', options }], { beamSize, sampleLen }, phonemizer);
        const text = stringOpt(o, 'text');
        const known = text === undefined ? null : { phonemes: textPhonemes(text, phonemizer), tokens: loaded.tokenizer.encode(` ${text.trim()}`).length };
        if (o['json'] === true) {
          io.stdout.write(`${JSON.stringify({ budget, known, options, results: rows }, null, 2)}\n`);
          return EXIT.ok;
        }
        io.stdout.write(`audio: voiced runs ${budget.voicedRuns}, pauses ${budget.pauses}, voiced ${budget.voicedSec.toFixed(2)} s; pools: phonemes ${rows[1]?.budget?.phon}, pauses ${rows[1]?.budget?.pause}\n`);
        if (known !== null) io.stdout.write(`known text: ${known.phonemes} phonemes, ${known.tokens} tokens\n`);
        for (const r of rows) {
          const s = r.stats === null ? '' : `, changed steps ${r.stats.changedSteps}/${r.stats.steps}, cost ${(r.stats.costMs / Math.max(1, r.stats.steps)).toFixed(2)} ms/step`;
          io.stdout.write(`${r.name.padEnd(12)} ${r.tokens.length} tokens, ${r.phonemes} phonemes, ${r.wordTokens} word / ${r.pauseTokens} pause tokens, ${(r.decodeMs / r.decoderSteps).toFixed(1)} ms/step${s}\n  ${JSON.stringify(r.text.slice(0, 160))}\n`);
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

export default cost;
