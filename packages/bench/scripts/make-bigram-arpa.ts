/**
 * Builds a small back-off bigram ARPA model from text files (one sentence per line, `#` comments), for the bench
 * demo's perplexity columns. Text is normalised with the bench's default normaliser (`lower-punct`) so that it
 * matches what the report scores for ARPA models.
 *
 * Estimation (absolute discounting, D = 0.5, a proper back-off model):
 *   unigrams: p(w) = (c(w) + 1) / (N + V + 1) over the V seen words and `</s>`, plus `<unk>` with 1 / (N + V + 1)
 *   bigrams:  p(w | h) = (c(h w) - D) / c(h) for seen pairs; back-off(h) = (D · types(h) / c(h)) / (1 - Σ_seen p(w))
 *
 * Usage: npx tsx packages/bench/scripts/make-bigram-arpa.ts OUT.arpa TEXT [TEXT...]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getNormalizer } from '@cephalon/stt';

const DISCOUNT = 0.5;
const [out, ...inputs] = process.argv.slice(2);
if (out === undefined || inputs.length === 0) {
  process.stderr.write('usage: make-bigram-arpa.ts OUT.arpa TEXT [TEXT...]\n');
  process.exit(2);
}
const normalizer = getNormalizer('lower-punct');
const sentences = inputs
  .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => normalizer.normalize(l).split(/\s+/).filter((w) => w !== ''));

const unigram = new Map<string, number>();
const bigram = new Map<string, Map<string, number>>();
const add = <K>(m: Map<K, number>, k: K): void => void m.set(k, (m.get(k) ?? 0) + 1);
for (const s of sentences) {
  const tokens = ['<s>', ...s, '</s>'];
  for (let i = 1; i < tokens.length; i++) {
    add(unigram, tokens[i] as string);
    const h = tokens[i - 1] as string;
    if (!bigram.has(h)) bigram.set(h, new Map());
    add(bigram.get(h) as Map<string, number>, tokens[i] as string);
  }
}
const total = [...unigram.values()].reduce((a, b) => a + b, 0);
const denominator = total + unigram.size + 1;
const pUni = (w: string): number => ((unigram.get(w) ?? 0) + 1) / denominator;
const log10 = (p: number): string => Math.log10(p).toFixed(6);

const backoff = new Map<string, number>();
const bigramLines: string[] = [];
for (const [h, next] of [...bigram].sort(([a], [b]) => a.localeCompare(b))) {
  const ch = [...next.values()].reduce((a, b) => a + b, 0);
  let seenUni = 0;
  for (const [w, c] of [...next].sort(([a], [b]) => a.localeCompare(b))) {
    bigramLines.push(`${log10((c - DISCOUNT) / ch)}\t${h} ${w}`);
    seenUni += pUni(w);
  }
  backoff.set(h, (DISCOUNT * next.size) / ch / (1 - seenUni));
}
const unigramLines = [
  `${log10(1 / denominator)}\t<unk>`,
  `-99\t<s>\t${log10(backoff.get('<s>') ?? 1)}`,
  ...[...unigram.keys()].sort().map((w) => `${log10(pUni(w))}\t${w}${backoff.has(w) ? `\t${log10(backoff.get(w) as number)}` : ''}`),
];
const arpa = ['\\data\\', `ngram 1=${unigramLines.length}`, `ngram 2=${bigramLines.length}`, '', '\\1-grams:', ...unigramLines, '', '\\2-grams:', ...bigramLines, '', '\\end\\', ''];
writeFileSync(out, arpa.join('\n'));
process.stderr.write(`${out}: ${sentences.length} sentences, ${total} tokens, ${unigramLines.length} unigrams, ${bigramLines.length} bigrams\n`);
