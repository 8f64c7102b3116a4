/**
 * `cephalon export SRC --out DIR [--cross-attentions] [--dtype fp32|fp16|q8]`: a Whisper checkpoint (safetensors +
 * config.json, Hugging Face or OpenAI tensor names) -> an onnx-community model folder, without Python.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_RANDOM_SEED, exportRandomWhisper, exportWhisper, formatBytes, parseExportDtype, RANDOM_SIZES } from '@cephalon/stt';
import type { ExportEvent } from '@cephalon/stt';
import { helpText, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';

const USAGE = 'cephalon export (SRC | --random SIZE) --out DIR [--static [--cache-length N]] [--cross-attentions] [--dtype fp32|fp16|q8]';
/** The dev checkout's multilingual tokenizer files (../shared next to the repository). */
const DEV_TOKENIZER = fileURLToPath(new URL('../../../../../shared/models/whisper-dev-random/', import.meta.url));
const DESCRIPTION =
  'Exports a Whisper checkpoint (a folder with model.safetensors or model.safetensors.index.json and config.json, or a\n' +
  '.safetensors file with config.json beside it) to onnx/encoder_model.onnx + onnx/decoder_model_merged.onnx, and copies\n' +
  'the config, tokenizer and generation files. With --random SIZE, writes a seeded random-weight model of a published\n' +
  `size (${RANDOM_SIZES.join(', ')}) instead. See docs/export.md.`;

const OPTIONS: OptionTable = {
  out: { type: 'string', short: 'o', value: 'DIR', help: 'output model folder (created)' },
  dtype: { type: 'string', value: 'D', defaultText: 'fp32', help: 'fp32, fp16 (weights stored as float16) or q8 (int8 MatMul weights, dynamic activations)' },
  'cross-attentions': { type: 'boolean', help: 'also output cross_attentions.{i} (word timestamps)' },
  static: { type: 'boolean', help: 'fixed-shape (NPU) format: encoder [1, n_mels, 3000], cross-K/V projector, one-token step (docs/npu.md)' },
  'cache-length': { type: 'string', value: 'N', defaultText: 'the text context, 448', help: 'self-attention cache slots of --static (the prototype used 224)' },
  random: { type: 'string', value: 'SIZE', help: `random weights of a published size: ${RANDOM_SIZES.join(', ')}` },
  seed: { type: 'string', value: 'N', defaultText: String(DEFAULT_RANDOM_SEED), help: 'seed of --random' },
  'tokenizer-from': { type: 'string', value: 'DIR', defaultText: '../shared/models/whisper-dev-random', help: 'multilingual Whisper folder whose tokenizer --random adapts' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

function progressLine(e: ExportEvent): string {
  if (e.stage === 'read') return `reading ${e.file}\n`;
  if (e.stage === 'build') return `building ${e.file}\n`;
  return `wrote ${e.file} (${formatBytes(e.bytes)})\n`;
}

const command: Command = {
  summary: 'export a Whisper checkpoint (safetensors) to an ONNX model folder',
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    try {
      const { options, positionals } = parseCommandArgs('export', args, OPTIONS, true);
      if (options['help'] === true) {
        io.stdout.write(helpText(USAGE, DESCRIPTION, OPTIONS));
        return EXIT.ok;
      }
      const out = stringOpt(options, 'out');
      if (out === undefined) usageError('export', '--out DIR is required');
      const dtypeText = stringOpt(options, 'dtype');
      const dtype = dtypeText === undefined ? 'fp32' : parseExportDtype(dtypeText);
      const crossAttentions = options['cross-attentions'] === true;
      const onProgress = (e: ExportEvent): void => void io.stderr.write(progressLine(e));
      const random = stringOpt(options, 'random');
      const isStatic = options['static'] === true;
      const cacheText = stringOpt(options, 'cache-length');
      if (cacheText !== undefined && !isStatic) usageError('export', '--cache-length needs --static');
      if (isStatic && crossAttentions) usageError('export', '--cross-attentions applies to the dynamic format only');
      const cacheLength = cacheText === undefined ? undefined : Number(cacheText);
      const shape = { static: isStatic, ...(cacheLength === undefined ? {} : { cacheLength }) };
      const [src, ...extra] = positionals;
      let result;
      if (random !== undefined) {
        if (positionals.length > 0) usageError('export', 'give either SRC or --random SIZE, not both', `usage: ${USAGE}`);
        const seedText = stringOpt(options, 'seed');
        const seed = seedText === undefined ? DEFAULT_RANDOM_SEED : Number(seedText);
        if (!Number.isInteger(seed) || seed < 0) usageError('export', `--seed must be a non-negative integer, got '${seedText ?? ''}'`);
        const tokenizerFrom = stringOpt(options, 'tokenizer-from') ?? DEV_TOKENIZER;
        result = await exportRandomWhisper(random, { out, dtype, crossAttentions, onProgress, seed, tokenizerFrom, ...shape });
      } else {
        if (src === undefined || extra.length > 0) usageError('export', `expected one SRC, got ${positionals.length}`, `usage: ${USAGE}`);
        result = await exportWhisper(src, { out, dtype, crossAttentions, onProgress, ...shape });
      }
      io.stdout.write(`${result.out}\n`);
      return EXIT.ok;
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default command;
