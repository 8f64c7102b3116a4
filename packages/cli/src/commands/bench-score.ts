/** `cephalon bench score REF [HYP]`: WER/CER/MER/WIL with S/D/I for transcripts made by any tool (jiwer's job). */
import { resolve } from 'node:path';
import { compareCorpus, readTranscriptPairs, renderCorpusAlignment } from '@cephalon/bench';
import { stringOpt } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { EXIT } from '../command.js';
import type { CommandIo } from '../command.js';

export const SCORE_OPTIONS: OptionTable = {
  normalizer: { type: 'string', value: 'NAME', defaultText: 'none', help: 'normalise both sides first (whisper-english, whisper-basic, lower-punct, none; none = as jiwer)' },
  align: { type: 'boolean', help: "print jiwer's alignment view (REF/HYP lines with S/D/I marks) per sentence with errors" },
  global: { type: 'boolean', help: 'two files: score each whole file as one text instead of line by line' },
  json: { type: 'boolean', help: 'print the pooled measures as JSON' },
};

const f = (x: number): string => x.toFixed(4);

/** Runs the subcommand; `args` are one manifest, or two files or two folders. */
export async function scoreCommand(o: ParsedOptions, args: readonly string[], io: CommandIo): Promise<number> {
  const [ref, hyp] = args.map((a) => resolve(io.cwd, a));
  const pairs = readTranscriptPairs(ref as string, hyp, { global: o['global'] === true });
  const corpus = compareCorpus(pairs, { normalizer: stringOpt(o, 'normalizer') ?? 'none', alignment: o['align'] === true });
  const w = corpus.words;
  if (o['json'] === true) {
    const out = { normalizer: corpus.normalizer, sentences: pairs.length, wer: w.wer, mer: w.mer, wil: w.wil, wip: w.wip, cer: corpus.chars.cer, hits: w.hits, substitutions: w.substitutions, deletions: w.deletions, insertions: w.insertions, referenceWords: w.referenceLength, hypothesisWords: w.hypothesisLength };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return EXIT.ok;
  }
  if (o['align'] === true) io.stdout.write(`${renderCorpusAlignment(corpus)}\n`);
  io.stdout.write(
    `sentences: ${pairs.length}  normaliser: ${corpus.normalizer.name} ${corpus.normalizer.version}\n` +
      `WER ${f(w.wer)}  CER ${f(corpus.chars.cer)}  MER ${f(w.mer)}  WIL ${f(w.wil)}\n` +
      `hits ${w.hits}  substitutions ${w.substitutions}  deletions ${w.deletions}  insertions ${w.insertions}  reference words ${w.referenceLength}  hypothesis words ${w.hypothesisLength}\n`,
  );
  return EXIT.ok;
}
