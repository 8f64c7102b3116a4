import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Resampler } from './resample.js';
import { StreamingResampler } from './streaming-resample.js';

/** Deterministic noise plus a tone, so every filter tap matters. */
function signal(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: n }, (_, i) => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return 0.3 * Math.sin(i * 0.05) + 0.2 * (s / 0xffffffff - 0.5);
  });
}

function streamed(r: StreamingResampler, x: Float32Array, cuts: readonly number[]): Float32Array {
  const parts: Float32Array[] = [];
  let at = 0;
  for (const c of [...cuts, x.length]) {
    parts.push(r.push(x.subarray(at, c)));
    at = c;
  }
  parts.push(r.flush());
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) { out.set(p, k); k += p.length; }
  return out;
}

/** Sorted cut points inside [0, n]. */
const cutsOf = (n: number) => fc.array(fc.integer({ min: 0, max: n }), { maxLength: 12 }).map((a) => [...a].sort((x, y) => x - y));

for (const [from, to] of [[44100, 16000], [48000, 16000], [8000, 16000], [22050, 16000], [96001, 16000], [16000, 16000]] as const) {
  test(`streaming ${from} → ${to} Hz equals the offline resampler bit for bit, for any split of the input`, () => {
    const offline = new Resampler(from, to);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }).chain((n) => fc.tuple(fc.constant(n), cutsOf(n), fc.integer())), ([n, cuts, seed]) => {
        const x = signal(n, seed);
        const expected = from === to ? x : offline.process(x);
        const got = streamed(new StreamingResampler(from, to), x, cuts);
        assert.equal(got.length, expected.length);
        for (let i = 0; i < got.length; i++) if (!Object.is(got[i], expected[i])) assert.fail(`sample ${i}: ${got[i]} != ${expected[i]}`);
      }),
      { numRuns: from === 96001 ? 15 : 60 },
    );
  });
}

test('streaming resampler keeps only a bounded history and emits output as input arrives', () => {
  const r = new StreamingResampler(48000, 16000);
  let out = 0;
  const bound = 2 * new Resampler(48000, 16000).tapsPerPhase + 480;
  for (let i = 0; i < 200; i++) {
    out += r.push(signal(480, i)).length; // 2 s in 10 ms chunks
    assert.ok(r.heldSamples <= bound, `holds ${r.heldSamples} samples`);
  }
  assert.ok(out > 32000 - 200 && out <= 32000, `emitted ${out} of 32000 before flush`);
  out += r.flush().length;
  assert.equal(out, 32000);
  assert.throws(() => r.push(new Float32Array(1)), RangeError);
});
