import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../core/errors.js';
import { BEAMNET_K, N_FEATURES } from './features.js';
import { Mlp } from './mlp.js';
import { readBeamnetJson, writeBeamnetJson } from './net-file.js';

test('net file: round trip keeps every float32 parameter and the training note', () => {
  const net = Mlp.create([N_FEATURES, 8, BEAMNET_K], 4).roundToFloat32();
  net.scaling.mean[3] = Math.fround(0.25);
  const text = writeBeamnetJson(net, { seed: 4, data: 'abc' });
  const back = readBeamnetJson(text, 'net.json');
  assert.deepEqual(back.training, { seed: 4, data: 'abc' });
  const x = Float64Array.from({ length: 2 * N_FEATURES }, (_, i) => Math.cos(i));
  assert.deepEqual(back.net.forward(x, 2), net.forward(x, 2));
});

test('net file: a wrong file names the field', () => {
  const text = writeBeamnetJson(Mlp.create([N_FEATURES, 8, BEAMNET_K], 4), {});
  const broken = JSON.parse(text) as Record<string, unknown>;
  broken['mean'] = 'AAAA';
  assert.throws(() => readBeamnetJson(JSON.stringify(broken), 'x.json'), (e: unknown) => e instanceof InvalidOptionError && e.code === 'INVALID_BEAMNET_FILE' && /x\.json: field 'mean'/.test(e.message));
  assert.throws(() => readBeamnetJson('{', 'y.json'), InvalidOptionError);
  assert.throws(() => readBeamnetJson(JSON.stringify({ ...broken, format: 'other' }), 'z.json'), /field 'format'/);
});
