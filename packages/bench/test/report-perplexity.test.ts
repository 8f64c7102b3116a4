// Perplexity columns of the report: a hand-made bigram ARPA file and a tiny ONNX causal LM (both written here)
// through writeReport, checked against scorePerplexity on the same texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getNormalizer, InvalidOptionError, ModelNotFoundError } from '@cephalon/stt';
import {
  buildReport, addPerplexity, createArpaScorer, loadLanguageModels, parseLmArg, scorePerplexity, writeReport,
  type BenchReport, type LanguageModelScorer, type LoadedLanguageModel, type ResultRecord,
} from '../src/index.js';
import { tinyLmOnnx, tinyLmWeights } from '../src/lm/testing/tiny-causal-lm.js';
import { parseCsv } from './helpers/csv.js';
import { sampleResults } from './helpers/records.js';

/** A bigram model over a few words of the sample references; <unk> listed so OOVs cost 10^-2 each. */
const ARPA = `\\data\\
ngram 1=8
ngram 2=4

\\1-grams:
-2.0\t<unk>\t0
-99\t<s>\t-0.3
-1.0\t</s>
-0.8\tthe\t-0.2
-1.2\tquick\t-0.1
-1.3\tbrown\t-0.1
-1.1\tfox
-1.0\tdog

\\2-grams:
-0.4\t<s> the
-0.5\tthe quick
-0.2\tquick brown
-0.3\tbrown fox

\\end\\
`;

const dir = mkdtempSync(join(tmpdir(), 'bench-ppl-'));
const arpaPath = join(dir, 'tiny.arpa');
writeFileSync(arpaPath, ARPA);
const onnxDir = join(dir, 'tiny-onnx');
const onnxPath = join(onnxDir, 'onnx', 'model.onnx');
const tokenizerPath = join(onnxDir, 'tokenizer.json');
const VOCAB = ['<unk>', 'the', 'a', 'to', 'and', 'at', 'quick', 'brown', 'fox', 'dog'];
mkdirSync(join(onnxDir, 'onnx'), { recursive: true });
writeFileSync(onnxPath, tinyLmOnnx(tinyLmWeights(VOCAB.length, 4, 3)));
writeFileSync(tokenizerPath, JSON.stringify({ model: { type: 'WordLevel', vocab: Object.fromEntries(VOCAB.map((w, i) => [w, i])), unk_token: '<unk>' }, pre_tokenizer: { type: 'Whitespace' } }));
writeFileSync(join(onnxDir, 'config.json'), JSON.stringify({ n_positions: 6 }));
const lower = getNormalizer('lower-punct');


/** Results with one engine failure (excluded from both sides of the perplexity). */
function results(): ResultRecord[] {
  const r = sampleResults();
  r[1] = { ...(r[1] as ResultRecord), hypothesis: '', error: { code: 'x', message: 'failed' } };
  return r;
}

test('report perplexity per configuration equals scorePerplexity over the same (normalised) texts; files name the LM', async () => {
  const lms = await loadLanguageModels([parseLmArg(`arpa:${arpaPath},name=tiny-bigram`)]);
  const out = join(dir, 'arpa-report');
  const files = await writeReport(results(), out, { iterations: 20, languageModels: lms });
  const reference = createArpaScorer(arpaPath);
  const json = JSON.parse(readFileSync(files.json, 'utf8')) as BenchReport;
  assert.equal(json.languageModels?.[0]?.name, 'tiny-bigram');
  assert.equal(json.languageModels?.[0]?.window, null);
  assert.equal(json.languageModels?.[0]?.text, 'normalized');
  const csv = parseCsv(readFileSync(files.summaryCsv, 'utf8'));
  const head = csv[0] ?? [];
  for (const s of json.summaries) {
    const utts = json.utterances.filter((u) => u.configId === s.configId && u.error === null);
    const [hyp] = await scorePerplexity(utts.map((u) => lower.normalize(u.hypothesis)), [reference]);
    const [ref] = await scorePerplexity(utts.map((u) => lower.normalize(u.reference)), [reference]);
    const p = s.perplexity?.[0];
    assert.ok(p !== undefined && hyp !== undefined && ref !== undefined);
    assert.ok((hyp.perTokenPerplexity ?? 0) > 1 && (ref.perTokenPerplexity ?? 0) > 1, `${s.label}: real perplexities`);
    assert.ok((ref.oovRate ?? 0) > 0 && (ref.oovRate ?? 1) < 1, 'some reference words are in the tiny vocabulary, some not');
    assert.equal(p.hypothesis.perTokenPerplexity, hyp.perTokenPerplexity);
    assert.equal(p.hypothesis.perWordPerplexity, hyp.perWordPerplexity);
    assert.equal(p.hypothesis.oovRate, hyp.oovRate);
    assert.equal(p.reference.perTokenPerplexity, ref.perTokenPerplexity);
    assert.equal(p.hypothesisToReference, (hyp.perTokenPerplexity as number) / (ref.perTokenPerplexity as number));
    const row = csv.find((r) => r[head.indexOf('config_label')] === s.label) ?? [];
    assert.equal(row[head.indexOf('lm1_name')], 'tiny-bigram');
    assert.equal(row[head.indexOf('lm1_kind')], 'arpa');
    assert.equal(row[head.indexOf('lm1_window')], '');
    assert.equal(Number(row[head.indexOf('lm1_hyp_ppl_token')]), hyp.perTokenPerplexity);
    assert.equal(Number(row[head.indexOf('lm1_ref_oov_rate')]), ref.oovRate);
  }
  assert.ok(head.includes('lm1_tokenizer') && head.includes('lm1_boundary'));
  assert.ok(csv.slice(1).every((r) => r[head.indexOf('lm1_tokenizer')] === reference.tokenizer && r.length === head.length));
  // Per utterance: the failed one has empty cells, the others their own perplexity.
  const uttCsv = parseCsv(readFileSync(files.utterancesCsv, 'utf8'));
  const uh = uttCsv[0] ?? [];
  const failed = json.utterances.find((u) => u.error !== null);
  assert.equal(failed?.perplexity?.[0]?.hypothesisPerToken, null);
  const ok = json.utterances.find((u) => u.error === null && u.configLabel === 'poor');
  const [single] = await scorePerplexity([lower.normalize(ok?.hypothesis ?? '')], [reference]);
  assert.equal(ok?.perplexity?.[0]?.hypothesisPerToken, single?.perTokenPerplexity);
  const okRow = uttCsv.find((r) => r[uh.indexOf('config_label')] === 'poor' && r[uh.indexOf('utterance_id')] === ok?.utteranceId) ?? [];
  assert.equal(Number(okRow[uh.indexOf('lm1_hyp_ppl_token')]), single?.perTokenPerplexity);
  const html = readFileSync(files.html, 'utf8');
  assert.match(html, /<h2>Perplexity<\/h2>/);
  assert.match(html, /tiny-bigram/);
  assert.match(html, /whole text/);
  assert.match(html, /data-chart="perplexity"/);
});

test('two LMs in one run: the ONNX one reports its tokenizer and window (from config.json), raw text by default', async () => {
  const lms = await loadLanguageModels([parseLmArg(`arpa:${arpaPath}`), parseLmArg(`onnx:${onnxPath},${tokenizerPath},stride=3,bos=0`)]);
  try {
    const report = await addPerplexity(buildReport(results(), { iterations: 10 }), lms, { normalizer: lower });
    const info = report.languageModels?.[1];
    assert.deepEqual(info?.window, { length: 6, stride: 3 });
    assert.equal(info?.name, 'tiny-onnx');
    assert.equal(info?.tokenizer, tokenizerPath);
    assert.equal(info?.text, 'raw');
    assert.match(info?.boundaryPolicy ?? '', /BOS 0 prepended/);
    const s = report.summaries[0];
    const utts = report.utterances.filter((u) => u.configId === s?.configId && u.error === null);
    const [direct] = await scorePerplexity(utts.map((u) => u.hypothesis), [(lms[1] as LoadedLanguageModel).scorer]);
    assert.equal(s?.perplexity?.[1]?.hypothesis.perTokenPerplexity, direct?.perTokenPerplexity);
    assert.equal(s?.perplexity?.[0]?.lm, 'tiny.arpa');
  } finally {
    for (const lm of lms) await lm.scorer.dispose();
  }
});

test('each distinct text is scored once per LM (references repeat across configurations)', async () => {
  const inner = createArpaScorer(arpaPath);
  const seen: string[] = [];
  const counting: LanguageModelScorer = { ...inner, score: (t) => { seen.push(t); return inner.score(t); } };
  const lm: LoadedLanguageModel = { scorer: counting, info: { name: 'n', kind: 'arpa', source: arpaPath, tokenizer: inner.tokenizer, window: null, boundaryPolicy: '', text: 'raw' } };
  const r = results();
  const progress: number[] = [];
  await addPerplexity(buildReport(r, { iterations: 10 }), [lm], { normalizer: lower, onProgress: (e) => progress.push(e.done) });
  const distinct = new Set(r.filter((x) => x.error === undefined).flatMap((x) => [x.hypothesis, x.reference]));
  assert.equal(seen.length, distinct.size);
  assert.equal(new Set(seen).size, seen.length);
  assert.deepEqual(progress, [...distinct].map((_t, i) => i + 1));
});

test('LM specs: parsing, typed errors naming the value or the missing file', async () => {
  assert.deepEqual(parseLmArg('arpa:a.arpa,text=raw'), { kind: 'arpa', path: 'a.arpa', text: 'raw' });
  assert.deepEqual(parseLmArg('onnx:m.onnx,t.json,window=1024,stride=512,bos=50256,name=gpt2'), { kind: 'onnx', model: 'm.onnx', tokenizer: 't.json', name: 'gpt2', window: 1024, stride: 512, bos: 50256 });
  for (const bad of ['gpt2', 'kenlm:x.arpa', 'arpa:', 'arpa:a,b', 'onnx:m.onnx', 'onnx:m,t,window=x', 'arpa:a,window=3', 'arpa:a,text=lower']) {
    assert.throws(() => parseLmArg(bad), InvalidOptionError, bad);
  }
  await assert.rejects(loadLanguageModels([parseLmArg(`arpa:${join(dir, 'missing.arpa')}`)]), (e: unknown) => e instanceof ModelNotFoundError && e.message.includes('missing.arpa'));
  await assert.rejects(loadLanguageModels([parseLmArg(`onnx:${onnxPath},${join(dir, 'no-tokenizer.json')}`)]), (e: unknown) => e instanceof ModelNotFoundError && e.message.includes('no-tokenizer.json'));
});
