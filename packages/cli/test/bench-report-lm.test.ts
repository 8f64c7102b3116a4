// `cephalon bench report --lm ... [--spec FILE]`: option parsing, perplexity columns, and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArpaScorer, scorePerplexity, type ResultRecord } from '@cephalon/bench';
import { getNormalizer } from '@cephalon/stt';
import { EXIT } from '../src/command.js';
import { main } from '../src/main.js';
import { parseCsv } from '../../bench/test/helpers/csv.js';
import { captureIo } from './capture-io.js';

const ARPA = '\\data\\\nngram 1=6\nngram 2=1\n\n\\1-grams:\n-2\t<unk>\n-99\t<s>\t-0.2\n-1\t</s>\n-0.8\tthe\t-0.1\n-1.2\tcat\n-1.3\tsat\n\n\\2-grams:\n-0.3\tthe cat\n\n\\end\\\n';
const PAIRS = [['The cat sat.', 'the cat sat'], ['the dog sat', 'the cat sat down'], ['a cat', 'the cat']] as const;

function record(i: number, hypothesis: string, reference: string): ResultRecord {
  return {
    type: 'result', key: `e{}|d|u${i}`, configId: 'e{}', configLabel: 'e', engine: 'e', engineKind: 'command', params: {}, swept: [],
    dataset: 'd', utteranceId: `u${i}`, audioPath: `/a/u${i}.wav`, reference, hypothesis, audioSec: 1, wallSec: 0.5, finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

const dir = mkdtempSync(join(tmpdir(), 'cli-bench-lm-'));
mkdirSync(join(dir, 'lm'));
writeFileSync(join(dir, 'lm', 'tiny.arpa'), ARPA);
writeFileSync(join(dir, 'results.jsonl'), PAIRS.map(([h, r], i) => JSON.stringify(record(i, h, r))).join('\n') + '\n');


test('--lm (repeated, both spellings) adds one block of columns per LM, numbers equal scorePerplexity', async () => {
  const cap = captureIo({}, dir);
  const code = await main(['bench', 'report', 'results.jsonl', '--out', 'r1', '--lm', 'arpa:lm/tiny.arpa', '--lm=arpa:lm/tiny.arpa,name=raw-tiny,text=raw'], cap.io);
  assert.equal(code, EXIT.ok, cap.stderr());
  const [head = [], row = []] = parseCsv(readFileSync(join(dir, 'r1', 'summary.csv'), 'utf8'));
  assert.equal(row[head.indexOf('lm1_name')], 'tiny.arpa');
  assert.equal(row[head.indexOf('lm2_name')], 'raw-tiny');
  assert.equal(row[head.indexOf('lm1_text')], 'normalized');
  assert.equal(row[head.indexOf('lm2_text')], 'raw');
  const lm = createArpaScorer(join(dir, 'lm', 'tiny.arpa'));
  const norm = getNormalizer('lower-punct');
  const [normalized] = await scorePerplexity(PAIRS.map(([h]) => norm.normalize(h)), [lm]);
  const [raw] = await scorePerplexity(PAIRS.map(([h]) => h), [lm]);
  assert.equal(Number(row[head.indexOf('lm1_hyp_ppl_token')]), normalized?.perTokenPerplexity);
  assert.equal(Number(row[head.indexOf('lm2_hyp_ppl_token')]), raw?.perTokenPerplexity);
  assert.notEqual(normalized?.perTokenPerplexity, raw?.perTokenPerplexity, '"The"/"sat." are OOV only in the raw text');
  assert.match(cap.stdout(), /PPL\[tiny\.arpa\] hyp \d+\.\d\d ref \d+\.\d\d {2}PPL\[raw-tiny\]/);
  assert.match(cap.stderr(), /perplexity: lm1 tiny\.arpa \(arpa, whitespace words/);
});

test("--spec FILE adds the spec's languageModels (paths relative to the spec)", async () => {
  writeFileSync(join(dir, 'spec.yaml'), 'datasets: [{ manifest: m.jsonl }]\nengines: [{ name: e, kind: command, command: [echo, "{audio}"] }]\nlanguageModels: ["arpa:lm/tiny.arpa,name=from-spec"]\n');
  const cap = captureIo({}, dir);
  assert.equal(await main(['bench', 'report', 'results.jsonl', '--out', 'r2', '--spec', 'spec.yaml'], cap.io), EXIT.ok, cap.stderr());
  const json = JSON.parse(readFileSync(join(dir, 'r2', 'report.json'), 'utf8')) as { languageModels: { name: string; source: string }[] };
  assert.deepEqual(json.languageModels.map((l) => [l.name, l.source]), [['from-spec', join(dir, 'lm', 'tiny.arpa')]]);
});

test('a missing LM file: exit code 4 (model not found), one line naming the file, nothing written', async () => {
  const cap = captureIo({}, dir);
  const code = await main(['bench', 'report', 'results.jsonl', '--out', 'r3', '--lm', 'arpa:lm/absent.arpa'], cap.io);
  assert.equal(code, EXIT.modelError);
  assert.equal(cap.stderr().split('\n').length, 2, cap.stderr());
  assert.match(cap.stderr(), /^cephalon: ARPA language model .*lm\/absent\.arpa not found \(/);
  assert.equal(existsSync(join(dir, 'r3')), false);
});

test('a malformed --lm value is a usage error naming the value', async () => {
  const cap = captureIo({}, dir);
  assert.equal(await main(['bench', 'report', 'results.jsonl', '--out', 'r4', '--lm', 'onnx:model.onnx'], cap.io), EXIT.usage);
  assert.match(cap.stderr(), /^cephalon: language model 'onnx:model\.onnx': onnx takes a model path and a tokenizer path \(use arpa:/);
  const noValue = captureIo({}, dir);
  assert.equal(await main(['bench', 'report', 'results.jsonl', '--out', 'r4', '--lm'], noValue.io), EXIT.usage);
});
