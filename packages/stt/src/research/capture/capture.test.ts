import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWindow, DEFAULT_WINDOW_DECODE_OPTIONS } from '../../decoding/index.js';
import type { WindowDecodeOptions, WindowResult } from '../../decoding/index.js';
import { BenchDataError, InvalidOptionError } from '../../core/errors.js';
import { FAKE_ENCODER_OUTPUT, FAKE_IDS, FakeDecoder, fakeTokenizer, hashedLogits } from '../../decoding/test-support/fake-model.js';
import { LogitCapture, PLACE } from './collector.js';
import { decodeLogitCapture, encodeLogitCapture, recordBytes } from './format.js';
import type { LogitCaptureFile } from './format.js';
import { measuresAt, summarizeCapture } from './inspect.js';
import { placeDecodes } from './placement.js';

const tokenizer = fakeTokenizer();
const greedy: WindowDecodeOptions = { ...DEFAULT_WINDOW_DECODE_OPTIONS, withoutTimestamps: true };
const beam5: WindowDecodeOptions = { ...greedy, strategy: { kind: 'beam', beamSize: 5, patience: 1 } };
const close = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('measures of one step against a hand-computed row: logits [2, 1, 0, -inf], token 1 emitted', () => {
  // By hand: Z = e^2 + e + 1 = 11.107338; p = (0.665241, 0.244728, 0.090031, 0); H = 0.832395 nats; log 4 = 1.386294.
  const capture = new LogitCapture({ topK: 3, full: true }, 3);
  const info = { promptTokens: [9], sampleBegin: 1, options: greedy };
  const hook = capture.beginWindow(info);
  const filter = hook.filters?.[0];
  assert.ok(filter !== undefined && hook.end !== undefined);
  filter.apply(Float32Array.of(2, 1, 0, -Infinity), [9]);
  const logprob = Math.fround(1 - Math.log(11.107338));
  hook.end({ tokens: [1], steps: [{ logprob, confidence: 0, margin: 0 }], temperature: 0 } as unknown as WindowResult);
  const [d] = capture.decodes;
  assert.ok(d !== undefined);
  assert.equal(d.steps, 1, 'no EOT step: no row was recorded after token 1');
  assert.deepEqual([...d.tokens], [1]);
  assert.deepEqual([...d.positions], [1]);
  const m = measuresAt(d, 0);
  close(m.tokenLogprob, -1.407606);
  close(m.tokenProb, 0.244728);
  close(m.maxProb, 0.665241);
  close(m.entropyConfidence, 1 - 0.832395 / 1.386294);
  close(m.margin, 1);
  close(m.meanMargin, 1); // 2 - mean(2, 1, 0); the masked entry is not a logit
  close(m.maxLogit, 2);
  close(m.logPartition, 2.407606);
  assert.deepEqual([...d.topIds], [0, 1, 2]);
  assert.deepEqual([...d.topLogits], [2, 1, 0]);
  assert.deepEqual([...(d.full ?? [])], [2, 1, 0, -Infinity]);
});

async function decode(options: WindowDecodeOptions, capture: LogitCapture | null, seed = 5): Promise<WindowResult> {
  const decoder = new FakeDecoder(hashedLogits(seed, 8, 0.6));
  return decodeWindow({ decoder, tokenizer, ...(capture === null ? {} : { hooks: capture }) }, FAKE_ENCODER_OUTPUT, options);
}

for (const [name, options] of [['greedy', greedy], ['beam 5', beam5], ['timestamps', { ...DEFAULT_WINDOW_DECODE_OPTIONS }]] as const) {
  test(`capture on = capture off, bit for bit (${name}); captured rows are the chosen hypothesis's`, async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const plain = await decode(options, null, seed);
      const capture = new LogitCapture({ topK: 5 }, FAKE_IDS.eot);
      const captured = await decode(options, capture, seed);
      assert.deepEqual(captured, plain, 'the capture changes nothing in the decode');
      const [d] = capture.decodes;
      assert.ok(d !== undefined && capture.decodes.length === 1);
      assert.deepEqual([...d.tokens], [...plain.tokens, FAKE_IDS.eot], 'tokens of the chosen hypothesis and its EOT');
      plain.steps.forEach((s, i) => {
        const m = measuresAt(d, i);
        assert.equal(m.tokenLogprob, s.logprob);
        close(m.entropyConfidence, s.confidence, 1e-6);
        close(m.margin, s.margin, 1e-6);
        const k = capture.topK;
        if (options.strategy.kind !== 'beam') assert.equal(d.topIds[i * k], plain.tokens[i], 'greedy emits the top-1');
        else assert.ok([...d.topIds.subarray(i * k, i * k + k)].includes(plain.tokens[i] as number), 'beam picks from the top 5+1');
      });
      close(plain.sumLogprob, [...d.tokens].reduce((acc, _, i) => Math.fround(acc + measuresAt(d, i).tokenLogprob), 0), 1e-6);
    }
  });
}

test('format: round trip (top-k and full), byte size, truncation and bad magic are typed errors', async () => {
  for (const full of [false, true]) {
    const capture = new LogitCapture({ topK: 10, full }, FAKE_IDS.eot);
    await decode(greedy, capture, 7);
    await decode(beam5, capture, 8);
    const file: LogitCaptureFile = { vocab: FAKE_IDS.vocab, topK: 10, full, source: { audio: 'x.wav' }, decodes: capture.decodes };
    const bytes = encodeLogitCapture(file);
    const back = decodeLogitCapture(bytes);
    assert.deepEqual(back, file);
    const steps = capture.decodes.reduce((n, d) => n + d.steps, 0);
    assert.equal(recordBytes(10, full, FAKE_IDS.vocab), 4 * (3 + 8 + 20 + (full ? 64 : 0)));
    assert.equal((bytes.length - 16 - new DataView(bytes.buffer).getUint32(12, true)) / steps, recordBytes(10, full, FAKE_IDS.vocab));
    assert.throws(() => decodeLogitCapture(bytes.subarray(0, bytes.length - 4), 'cut.cphlogits'), (e: unknown) => e instanceof BenchDataError && /cut\.cphlogits.*truncated/.test(e.message));
  }
  assert.throws(() => decodeLogitCapture(new Uint8Array(32)), BenchDataError);
  assert.throws(() => new LogitCapture({ topK: 0 }, 1), InvalidOptionError);
});

test('placement: decodes map onto windows and attempts; steps inside the overlaps are flagged by their timestamp', () => {
  const tb = FAKE_IDS.timestampBegin;
  const mk = (tokens: number[]) => {
    const capture = new LogitCapture({ topK: 1 }, FAKE_IDS.eot);
    const hook = capture.beginWindow({ promptTokens: [], sampleBegin: 0, options: DEFAULT_WINDOW_DECODE_OPTIONS });
    for (let i = 0; i <= tokens.length; i++) hook.filters?.[0]?.apply(new Float32Array(FAKE_IDS.vocab), tokens.slice(0, i));
    hook.end?.({ tokens, steps: tokens.map(() => ({ logprob: 0, confidence: 0, margin: 0 })), temperature: 0 } as unknown as WindowResult);
    return capture.decodes[0] as NonNullable<(typeof capture.decodes)[0]>;
  };
  // Windows [0, 0.5) s and [0.4, 0.9) s: overlap [0.4, 0.5). Timestamp index i = i × 0.02 s after the window start.
  const w0a = mk([1, 2]);
  const w0b = mk([tb + 0, 1, tb + 21, 2, tb + 22]);
  const w1 = mk([tb + 0, 1, tb + 6, 2]);
  const windows = [
    { timeOffsetSec: 0, segmentFrames: 50, attempts: [0, 0] },
    { timeOffsetSec: 0.4, segmentFrames: 50, attempts: [0] },
  ];
  assert.equal(placeDecodes([w0a, w0b, w1], windows.slice(0, 1), tb), false, 'count mismatch: nothing placed');
  assert.equal(placeDecodes([w0a, w0b, w1], windows, tb), true);
  assert.deepEqual([w0a, w0b, w1].map((d) => [d.placement.window, d.placement.attempt, d.placement.accepted]), [[0, 0, false], [0, 1, true], [1, 0, true]]);
  assert.deepEqual([...w0a.places], [PLACE.unknown, PLACE.unknown, PLACE.unknown], 'no timestamps: unknown');
  const N = PLACE.none;
  const NX = PLACE.nextOverlap;
  const PV = PLACE.prevOverlap;
  assert.deepEqual([...w0b.places], [N, N, NX, NX, NX, NX]); // 0.42 s >= 0.4 (next window's start)
  assert.deepEqual([...w1.places], [PV, PV, N, N, N]); // 0.4 s < 0.5 s (previous end); 0.52 s is past it
});

test('summary: means over accepted decodes and the steps a rule marks, with their top-k alternatives', async () => {
  const capture = new LogitCapture({ topK: 3 }, FAKE_IDS.eot);
  await decode(greedy, capture, 11);
  const file: LogitCaptureFile = { vocab: FAKE_IDS.vocab, topK: 3, full: false, source: {}, decodes: capture.decodes };
  const d = capture.decodes[0];
  assert.ok(d !== undefined);
  const probs = [...d.tokens].map((_, i) => measuresAt(d, i).tokenProb);
  const s = summarizeCapture(file, { tokenProbBelow: 0.2 });
  assert.equal(s.steps, d.steps);
  close(s.means.tokenProb, probs.reduce((a, b) => a + b, 0) / probs.length, 1e-6);
  assert.ok(Number.isNaN(s.means.meanMargin), 'top-k mode has no max-minus-mean margin');
  assert.deepEqual(s.lowConfidence.map((l) => l.step), probs.flatMap((p, i) => (p < 0.2 ? [i] : [])));
  assert.ok(s.lowConfidence.length > 0, 'the fake model has unsure steps (scale 8 over 64 ids)');
  for (const l of s.lowConfidence) assert.equal(l.alternatives[0]?.id, l.token, 'greedy: the emitted token is the top alternative');
  const wide = summarizeCapture(file, { top3Within: 100 });
  assert.equal(wide.lowConfidence.length, d.steps, 'every step has its top 3 within 100');
});
