/**
 * Tokenizer parity against tiktoken's algorithm on OpenAI's `.tiktoken` ranks, for the English (gpt2) and the
 * multilingual vocabulary, plus agreement of the shared model's tokenizer.json with multilingual.tiktoken.
 * Prints what was compared and every count of differences; exits 1 on any difference.
 *
 * Usage: tsx packages/stt/scripts/parity-tokenizer.ts [--strings N] [--seed S]   (defaults 20000, 20261124)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTokenizer } from '../src/tokenizer/load.js';
import { bytesToByteLevel } from '../src/tokenizer/byte-level.js';
import { readTokenizerFiles } from '../src/tokenizer/read-files.js';
import type { WhisperTokenizer } from '../src/tokenizer/whisper-tokenizer.js';
import { compareWithTiktoken, type ParityResult } from '../src/tokenizer/parity/compare.js';
import { writeEnglishModelFolder } from '../src/tokenizer/parity/english-folder.js';
import { GPT2_TIKTOKEN, MULTILINGUAL_TIKTOKEN, SHARED_MODEL_DIR } from '../src/tokenizer/parity/paths.js';
import { generateTexts } from '../src/tokenizer/parity/text-generator.js';
import { deriveMerges, latin1, loadTiktokenRanks, tiktokenEncode, type TiktokenRanks } from '../src/tokenizer/parity/tiktoken-reference.js';

const { values } = parseArgs({ options: { strings: { type: 'string', default: '20000' }, seed: { type: 'string', default: '20261124' } } });
const STRINGS = Number(values.strings);
const SEED = Number(values.seed);

/** Real text besides the generated strings: the normaliser's word list and long.wav's paragraphs. */
function realTexts(): string[] {
  const english = JSON.parse(readFileSync(join(SHARED_MODEL_DIR, 'normalizer.json'), 'utf8')) as Record<string, string>;
  const long = JSON.parse(readFileSync(join(SHARED_MODEL_DIR, 'audio', 'long.json'), 'utf8')) as unknown;
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v, ` ${v}`);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(collect);
  };
  collect(long);
  for (const [k, v] of Object.entries(english)) strings.push(` ${k}`, ` ${v}`);
  return strings;
}

let failures = 0;
function report(name: string, r: ParityResult, oursMs: number, refMs: number): void {
  console.log(`${name}: ${r.compared} strings, ${r.tokens} tokens; id mismatches ${r.mismatches}, round-trip failures ${r.roundTripFailures}`);
  console.log(`  time: tokenizer ${oursMs.toFixed(0)} ms, reference ${refMs.toFixed(0)} ms (ratio ${(oursMs / refMs).toFixed(2)}; the reference is naive)`);
  for (const e of r.examples) console.log(`  differs: ${JSON.stringify(e.text)}\n    ours ${JSON.stringify(e.ours)}\n    ref  ${JSON.stringify(e.reference)}`);
  failures += r.mismatches + r.roundTripFailures;
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

function run(name: string, tok: WhisperTokenizer, ranks: TiktokenRanks, texts: readonly string[]): void {
  // Each side is timed once, alone and cold (its piece cache empty for these strings); then both are compared.
  const [, oursMs] = timed(() => texts.forEach((t) => tok.encode(t)));
  const [, refMs] = timed(() => texts.forEach((t) => tiktokenEncode(t, ranks)));
  report(name, compareWithTiktoken(tok, ranks, texts), oursMs, refMs);
}

async function main(): Promise<void> {
  const texts = [...generateTexts(SEED, STRINGS), ...realTexts()];
  console.log(`tokenizer parity: ${STRINGS} generated strings (seed ${SEED}) + ${texts.length - STRINGS} real strings per vocabulary`);

  const multi = loadTiktokenRanks(MULTILINGUAL_TIKTOKEN);
  run('multilingual (tokenizer.json of whisper-dev-random vs multilingual.tiktoken)', await loadTokenizer(SHARED_MODEL_DIR), multi, texts);

  const gpt2 = loadTiktokenRanks(GPT2_TIKTOKEN);
  const dir = mkdtempSync(join(tmpdir(), 'cephalon-en-tokenizer-'));
  try {
    writeEnglishModelFolder(dir, gpt2);
    run('english (vocab.json + merges.txt written from gpt2.tiktoken vs gpt2.tiktoken)', await loadTokenizer(dir), gpt2, texts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const tok = await loadTokenizer(SHARED_MODEL_DIR);
  let vocabDiffer = 0;
  multi.bytesOf.forEach((bytes, id) => {
    if (latin1(tok.decodeBytes([id])) !== latin1(bytes)) vocabDiffer++;
  });
  console.log(`tokenizer.json vocabulary vs multilingual.tiktoken: ids 0..${multi.bytesOf.length - 1} compared, ${vocabDiffer} differ`);
  const files = await readTokenizerFiles(SHARED_MODEL_DIR);
  const derived = deriveMerges(multi).map(([l, r]) => `${bytesToByteLevel(l)} ${bytesToByteLevel(r)}`);
  const mergesDiffer = files.merges.filter(([l, r], i) => `${l} ${r}` !== derived[i]).length + Math.abs(files.merges.length - derived.length);
  console.log(`tokenizer.json merges vs merges derived from multilingual.tiktoken: ${files.merges.length} vs ${derived.length}, ${mergesDiffer} differ`);
  failures += vocabDiffer + mergesDiffer;

  console.log(failures === 0 ? 'tokenizer parity: OK' : `tokenizer parity: FAILED (${failures} differences)`);
  process.exitCode = failures === 0 ? 0 : 1;
}

await main();
