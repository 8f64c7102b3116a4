// A hand-made trigram ARPA model; every expected log10 probability is derived by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCorruptError } from '@cephalon/stt';
import { createArpaScorer, parseArpa, scorePerplexity, scoreSentence } from './index.js';

const ARPA = `
This line before \\data\\ is a comment.
\\data\\
ngram 1=5
ngram 2=3
ngram 3=1

\\1-grams:
-1.0\t<unk>\t0
-99\t<s>\t-0.5
-0.7\t</s>
-0.4\tthe\t-0.3
-0.6\tcat\t-0.2

\\2-grams:
-0.2\t<s> the\t-0.15
-0.1\tthe cat\t-0.25
-0.3\tcat </s>

\\3-grams:
-0.05\t<s> the cat

\\end\\
`;
const model = parseArpa(ARPA);
const close = (a: number, b: number, what = ''): void => assert.ok(Math.abs(a - b) < 1e-9, `${what} ${a} vs ${b}`);

test('"the cat": bigram, trigram, then a back-off from the trigram context', () => {
  // the | <s>        : "<s> the" listed                                   -> -0.2
  // cat | <s> the    : "<s> the cat" listed                               -> -0.05
  // </s> | the cat   : "the cat </s>" unlisted -> bo(the cat) -0.25 + p(</s> | cat) = "cat </s>" -0.3 -> -0.55
  const s = scoreSentence(model, 'the cat');
  assert.deepEqual(s.map((w) => w.word), ['the', 'cat', '</s>']);
  assert.deepEqual(s.map((w) => w.ngramLength), [2, 3, 2]);
  [-0.2, -0.05, -0.55].forEach((p, i) => close(s[i]?.log10Prob ?? 0, p, `word ${i}`));
});

test('"cat the dog": two-level back-off and an OOV scored as <unk>', () => {
  // cat | <s>        : "<s> cat" unlisted -> bo(<s>) -0.5 + p(cat) -0.6                        -> -1.1
  // the | <s> cat    : bo("<s> cat") unlisted = 0; "cat the" unlisted -> bo(cat) -0.2 + p(the) -0.4 -> -0.6
  // dog (OOV) | cat the : as <unk>: bo("cat the") = 0; "the <unk>" unlisted -> bo(the) -0.3 + p(<unk>) -1.0 -> -1.3
  // </s> | the <unk> : bo("the <unk>") = 0; "<unk> </s>" unlisted -> bo(<unk>) 0 + p(</s>) -0.7   -> -0.7
  const s = scoreSentence(model, 'cat the dog');
  [-1.1, -0.6, -1.3, -0.7].forEach((p, i) => close(s[i]?.log10Prob ?? 0, p, `word ${i}`));
  assert.deepEqual(s.map((w) => w.oov), [false, false, true, false]);
});

test('perplexities pooled over texts, OOVs reported apart (KenLM conventions)', async () => {
  const [r] = await scorePerplexity(['the cat', 'cat the dog'], [createArpaScorer(model, { name: 'hand-3gram' })]);
  assert.ok(r !== undefined);
  // total log10 = -0.8 + -3.7 = -4.5 over 3 + 4 = 7 tokens (words + </s>), 5 words, 1 OOV (-1.3)
  assert.equal(r.lm, 'hand-3gram');
  assert.deepEqual([r.tokens, r.words, r.oovs], [7, 5, 1]);
  close(r.oovRate ?? 0, 1 / 5);
  close(r.perTokenPerplexity ?? 0, 10 ** (4.5 / 7), 'per token');
  close(r.perWordPerplexity ?? 0, 10 ** (4.5 / 5), 'per word');
  close(r.perTokenPerplexityExcludingOov ?? 0, 10 ** ((4.5 - 1.3) / 6), 'excluding OOV');
  close(r.perText[0]?.perTokenPerplexity ?? 0, 10 ** (0.8 / 3), 'first text');
  assert.equal(r.window, null);
});

test('a model without <unk> scores OOVs at log10 -100 (KenLM default); empty text scores only </s>', () => {
  const noUnk = parseArpa('\\data\\\nngram 1=2\n\n\\1-grams:\n-0.5 </s>\n-0.5 a\n\\end\\\n');
  close(scoreSentence(noUnk, 'zzz')[0]?.log10Prob ?? 0, -100);
  assert.deepEqual(scoreSentence(noUnk, '').map((w) => w.word), ['</s>']);
});

test('invalid ARPA: typed errors naming the line', () => {
  assert.throws(() => parseArpa('\\data\\\nngram 1=2\n\\1-grams:\n-0.5 a\n\\end\\'), ModelCorruptError);
  assert.throws(() => parseArpa('\\data\\\nngram 1=1\n\\1-grams:\nxyz a\n\\end\\'), /:4: bad probability/);
  assert.throws(() => parseArpa('no data here'), ModelCorruptError);
});
