/**
 * `cephalon export SRC --out DIR [--cross-attentions] [--dtype fp32|fp16|q8]`: a Whisper checkpoint (safetensors +
 * config.json, Hugging Face or OpenAI tensor names) -> an onnx-community model folder, without Python.
 */
import { exportWhisper, formatBytes, parseExportDtype } from '@cephalon/stt';
import type { ExportEvent } from '@cephalon/stt';
import { helpText, parseCommandArgs, stringOpt, usageError } from '../args.js';
import type { OptionTable } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';

const USAGE = 'cephalon export SRC --out DIR [--cross-attentions] [--dtype fp32|fp16|q8]';
const DESCRIPTION =
  'Exports a Whisper checkpoint (a folder with model.safetensors or model.safetensors.index.json and config.json, or a\n' +
  '.safetensors file with config.json beside it) to onnx/encoder_model.onnx + onnx/decoder_model_merged.onnx, and copies\n' +
  'the config, tokenizer and generation files. See docs/export.md.';

const OPTIONS: OptionTable = {
  out: { type: 'string', short: 'o', value: 'DIR', help: 'output model folder (created)' },
  dtype: { type: 'string', value: 'D', defaultText: 'fp32', help: 'fp32, fp16 (weights stored as float16) or q8 (int8 MatMul weights, dynamic activations)' },
  'cross-attentions': { type: 'boolean', help: 'also output cross_attentions.{i} (word timestamps)' },
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
      const [src, ...extra] = positionals;
      if (src === undefined || extra.length > 0) usageError('export', `expected one SRC, got ${positionals.length}`, `usage: ${USAGE}`);
      const result = await exportWhisper(src, { out, dtype, crossAttentions, onProgress });
      io.stdout.write(`${result.out}\n`);
      return EXIT.ok;
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default command;
