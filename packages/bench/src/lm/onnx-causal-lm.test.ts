// The ONNX scorer against a direct float64 computation of the same random-weight model (written as an ONNX
// file by the test's own protobuf writer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError, ModelNotFoundError } from '@cephalon/stt';
import { createArpaScorer, createOnnxCausalLmScorer, parseArpa, scorePerplexity, scoringWindows, wordLevelTokenizer } from './index.js';
import { directWindowNll, tinyLmOnnx, tinyLmWeights } from './testing/tiny-causal-lm.js';

const weights = tinyLmWeights(7, 5, 42);
const dir = mkdtempSync(join(tmpdir(), 'cephalon-lm-'));
const modelPath = join(dir, 'tiny-lm.onnx');
writeFileSync(modelPath, tinyLmOnnx(weights));
const tokenizer = wordLevelTokenizer(
  { model: { type: 'WordLevel', vocab: { '<unk>': 0, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, unk_token: '<unk>' }, pre_tokenizer: { type: 'Whitespace' } },
  'tiny-wordlevel',
);
const TEXT = 'a b c d e f a b c d';
const IDS = [1, 2, 3, 4, 5, 6, 1, 2, 3, 4];
const near = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-4 * Math.abs(b) + 1e-5, `${what}: ${a} vs ${b}`);

test('WordLevel tokenizer: Whitespace pre-tokenizer and <unk>', () => {
  assert.deepEqual(tokenizer.encode(TEXT), IDS);
  assert.deepEqual(tokenizer.encode('a, zz'), [1, 0, 0]);
});

test('window covering the whole text: NLL equals the direct computation; first token unscored without BOS', async () => {
  const lm = await createOnnxCausalLmScorer({ modelPath, tokenizer, windowLength: 16, name: 'tiny' });
  const s = await lm.score(TEXT);
  assert.equal(s.tokens, 9);
  assert.equal(s.words, 10);
  near(s.nll, directWindowNll(weights, IDS, 1), 'full-context nll');
  await lm.dispose();
});

test('BOS prepended: every text token scored, given BOS', async () => {
  const lm = await createOnnxCausalLmScorer({ modelPath, tokenizer, windowLength: 16, bosTokenId: 0 });
  const s = await lm.score(TEXT);
  assert.equal(s.tokens, 10);
  near(s.nll, directWindowNll(weights, [0, ...IDS], 1), 'bos nll');
  assert.match(lm.boundaryPolicy, /BOS 0 prepended/);
  await lm.dispose();
});

test('sliding window (length 4, stride 2): the HF recipe windows, each scored with truncated context', async () => {
  // seq 10: [0,4) scores positions 1..3; [2,6) scores 4,5; [4,8) scores 6,7; [6,10) scores 8,9 -> 9 tokens
  const windows = [[0, 4, 1], [2, 6, 2], [4, 8, 2], [6, 10, 2]] as const;
  assert.deepEqual(scoringWindows(10, { length: 4, stride: 2 }).map((w) => [w.begin, w.end, w.firstScored]), windows);
  const expected = windows.reduce((sum, [b, e, first]) => sum + directWindowNll(weights, IDS.slice(b, e), first), 0);
  const lm = await createOnnxCausalLmScorer({ modelPath, tokenizer, windowLength: 4, stride: 2 });
  const s = await lm.score(TEXT);
  assert.equal(s.tokens, 9);
  near(s.nll, expected, 'sliding nll');
  assert.ok(Math.abs(s.nll - directWindowNll(weights, IDS, 1)) > 1e-3, 'truncated context changes the NLL');
  await lm.dispose();
});

test('stride = length (no overlap): the first token of every window is lost, as in the HF recipe', () => {
  const w = scoringWindows(10, { length: 4, stride: 4 });
  assert.deepEqual(w.map((x) => [x.begin, x.end, x.firstScored]), [[0, 4, 1], [4, 8, 1], [8, 10, 1]]);
});

test('several LMs in one run, each result names its LM, tokenizer and window', async () => {
  const arpa = createArpaScorer(parseArpa('\\data\\\nngram 1=3\n\n\\1-grams:\n-0.5 </s>\n-0.5 a\n-1 <unk>\n\\end\\\n'), { name: 'unigram' });
  const onnx = await createOnnxCausalLmScorer({ modelPath, tokenizer, windowLength: 8, stride: 4, name: 'tiny-onnx' });
  const events: string[] = [];
  const [r1, r2] = await scorePerplexity(['a b', 'c d e'], [arpa, onnx], { onProgress: (e) => events.push(`${e.lm}:${e.done}/${e.total}`) });
  assert.equal(r1?.lm, 'unigram');
  assert.equal(r2?.lm, 'tiny-onnx');
  assert.equal(r2?.tokenizer, 'tiny-wordlevel');
  assert.deepEqual(r2?.window, { length: 8, stride: 4 });
  assert.equal(r2?.tokens, 1 + 2);
  near(r2?.nll ?? 0, directWindowNll(weights, [1, 2], 1) + directWindowNll(weights, [3, 4, 5], 1), 'pooled nll');
  near(r2?.perTokenPerplexity ?? 0, Math.exp((r2?.nll ?? 0) / 3), 'ppl');
  assert.deepEqual(events, ['unigram:1/2', 'unigram:2/2', 'tiny-onnx:1/2', 'tiny-onnx:2/2']);
  await onnx.dispose();
});

test('bad options: typed errors', async () => {
  await assert.rejects(createOnnxCausalLmScorer({ modelPath, tokenizer, windowLength: 4, stride: 8 }), InvalidOptionError);
  await assert.rejects(createOnnxCausalLmScorer({ modelPath: join(dir, 'missing.onnx'), tokenizer, windowLength: 4 }), ModelNotFoundError);
});
