// The in-process Cephalon engine sweeps every transcription option, strategy included, and records profiling
// figures; the runner records timing trials, the code version and the model files' checksums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '@cephalon/stt';
import { paramsToOptions, readResults, runBench, validateSpec } from '../src/index.js';

const MODEL = fileURLToPath(new URL('../../../../shared/models/whisper-dev-random/', import.meta.url));
const JFK = join(MODEL, 'audio', 'jfk.wav');

test('strategy params: names become strategy objects; chunked-only settings without chunked, and bad values, are typed errors', () => {
  assert.equal(paramsToOptions({ strategy: 'sequential' }).strategy?.name, 'sequential');
  const o = paramsToOptions({ strategy: 'chunked', chunkLength: 10, overlap: 2, merge: 'lcs', cleanup: false, priorTokens: 0, batchSize: 2, language: 'en' });
  assert.equal(o.strategy?.name, 'chunked-overlap');
  assert.equal(o.language, 'en');
  assert.ok(!('chunkLength' in o) && !('priorTokens' in o), 'shorthands do not leak into TranscribeOptions');
  assert.throws(() => paramsToOptions({ priorTokens: 20 }), InvalidOptionError);
  assert.throws(() => paramsToOptions({ strategy: 'windows' }), InvalidOptionError);
  assert.throws(() => paramsToOptions({ strategy: 'chunked', merge: 'best' }), InvalidOptionError);
  assert.throws(() => paramsToOptions({ strategy: 'chunked', cleanup: 'yes' }), InvalidOptionError);
});

test('a sweep over strategy, chunk length, overlap, merge, cleanup and prompt length runs on the dev model and records profiling', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
  try {
    writeFileSync(join(dir, 'm.jsonl'), `${JSON.stringify({ audio_filepath: JFK, duration: 11, text: 'and so my fellow americans' })}\n`);
    const spec = validateSpec({
      engines: [{
        kind: 'cephalon', name: 'c', model: MODEL, threads: 1,
        params: { language: 'en', temperature: 0, sampleLen: 8, strategy: 'chunked', overlap: 1, merge: 'timed', cleanup: true },
        grid: { chunkLength: [5, 10], priorTokens: [0, 16] },
      }],
      datasets: [{ name: 'd', manifest: join(dir, 'm.jsonl') }],
      timingTrials: 2,
    }, dir);
    const r = await runBench(spec, { resultsPath: join(dir, 'r.jsonl') });
    assert.equal(r.results.length, 4);
    for (const x of r.results) {
      assert.equal(x.error, undefined, x.error?.message);
      assert.equal(x.wallSecTrials?.length, 2);
      assert.ok((x.decoderSteps ?? 0) > 0);
      assert.ok((x.timeToFirstTokenSec ?? Infinity) < Math.max(...(x.wallSecTrials ?? [0])));
      // 11 s in 5 s windows with 1 s overlap = 3 windows; in 10 s windows = 2. With prompt passing each window is
      // timed on its own; batched (priorTokens 0, batch 4) they finish together: one time for the batch.
      assert.equal(x.windowSec?.length, x.params['priorTokens'] === 0 ? 1 : x.params['chunkLength'] === 5 ? 3 : 2);
      assert.equal(x.tokenTexts?.length, x.confidences?.length);
    }
    const content = readResults(join(dir, 'r.jsonl'));
    assert.match(content.runs[0]?.codeVersion ?? '', /^[0-9a-zA-Z._-]+$/);
    const model = content.engineLoads[0]?.model;
    const enc = model?.files.find((f) => f.path.endsWith('encoder_model.onnx'));
    assert.equal(enc?.sha256, createHash('sha256').update(readFileSync(join(MODEL, 'onnx', 'encoder_model.onnx'))).digest('hex'));
    assert.equal(model?.dtype, 'fp32');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
