// `cephalon bench score`: two files (line by line or --global), two folders, a manifest; --align; typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const dir = mkdtempSync(join(tmpdir(), 'cephalon-score-'));
// jiwer's README example: wer(["hello world", "i like monthy python"], ["hello duck", "i like python"]) = 2/6.
writeFileSync(join(dir, 'ref.txt'), 'hello world\ni like monthy python\n');
writeFileSync(join(dir, 'hyp.txt'), 'hello duck\ni like python\n');
mkdirSync(join(dir, 'refs', 'sub'), { recursive: true });
mkdirSync(join(dir, 'hyps', 'sub'), { recursive: true });
writeFileSync(join(dir, 'refs', 'a.txt'), 'hello world\n');
writeFileSync(join(dir, 'hyps', 'a.txt'), 'hello duck');
writeFileSync(join(dir, 'refs', 'sub', 'b.txt'), 'i like\nmonthy python');
writeFileSync(join(dir, 'hyps', 'sub', 'b.txt'), 'i like python');
writeFileSync(join(dir, 'm.jsonl'), [{ text: 'hello world', pred_text: 'hello duck' }, { reference: 'i like monthy python', hypothesis: 'i like python' }].map((x) => JSON.stringify(x)).join('\n') + '\n');

async function score(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const cap = captureIo({}, dir);
  const code = await main(['bench', 'score', ...args], cap.io);
  return { code, out: cap.stdout(), err: cap.stderr() };
}

test('files, folders and a manifest give jiwer\'s numbers for the same sentences', async () => {
  for (const args of [['ref.txt', 'hyp.txt'], ['refs', 'hyps'], ['m.jsonl']]) {
    const r = await score(...args);
    assert.equal(r.code, EXIT.ok, r.err);
    assert.match(r.out, /sentences: 2 {2}normaliser: none/);
    assert.match(r.out, /WER 0\.3333 {2}CER 0\.3871 {2}MER 0\.3333 {2}WIL 0\.4667/, args.join(' '));
    assert.match(r.out, /hits 4 {2}substitutions 1 {2}deletions 1 {2}insertions 0/);
  }
  const g = await score('ref.txt', 'hyp.txt', '--global', '--json');
  const j = JSON.parse(g.out) as { sentences: number; wer: number };
  assert.equal(j.sentences, 1);
  assert.equal(j.wer, 2 / 6);
});

test('--align prints jiwer\'s alignment view', async () => {
  const r = await score('ref.txt', 'hyp.txt', '--align');
  assert.ok(r.out.includes('REF: i like monthy python\nHYP: i like ****** python\n                 D'), r.out);
  assert.match(r.out, /wer=33\.33%/);
});

test('a normaliser can be chosen; bad input is a typed error naming the file', async () => {
  writeFileSync(join(dir, 'cased.txt'), 'Hello World.\nI like monthy python\n');
  // Without normalisation case and punctuation count: Hello/hello, World./duck, I/i substituted + 1 deletion = 4/6.
  assert.match((await score('cased.txt', 'hyp.txt')).out, /WER 0\.6667/);
  assert.match((await score('cased.txt', 'hyp.txt', '--normalizer', 'lower-punct')).out, /WER 0\.3333/);
  writeFileSync(join(dir, 'short.txt'), 'hello\n');
  const lines = await score('ref.txt', 'short.txt');
  assert.equal(lines.code, EXIT.inputError);
  assert.match(lines.err, /ref\.txt has 2 line\(s\) but .*short\.txt has 1/);
  const missing = await score('ref.txt', 'nope.txt');
  assert.equal(missing.code, EXIT.inputError);
  assert.match(missing.err, /nope\.txt/);
  assert.equal((await score()).code, EXIT.usage);
});
