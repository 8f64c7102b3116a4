import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDevModel, readReference } from './parity-checks.js';
import { startOrtRunTimer, stopOrtRunTimer } from './run-timer.js';

test('the ORT run timer counts encoder and decoder session.run calls only while it runs', async () => {
  const model = await loadDevModel('merged', { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const mel = readReference('mel_jfk_w0').data;
    assert.equal(stopOrtRunTimer(), null, 'off by default');
    const times = startOrtRunTimer();
    const t0 = performance.now();
    const encoded = await model.encoder.encode(mel, 1);
    const cache = model.decoder.createCache(encoded, 1);
    await model.decoder.step(cache, [[50258, 50259, 50359, 50363]]);
    await model.decoder.step(cache, [[220]]);
    const wall = performance.now() - t0;
    cache.dispose();
    assert.equal(stopOrtRunTimer(), times);
    assert.equal(times.encoderCalls, 1);
    assert.equal(times.decoderCalls, 2);
    assert.ok(times.encoderMs > 0 && times.decoderMs > 0, 'both parts timed');
    assert.ok(times.encoderMs + times.decoderMs <= wall, 'inside the wall time around the calls');
    await model.encoder.encode(mel, 1);
    assert.deepEqual([times.encoderCalls, times.decoderCalls], [1, 2], 'nothing added once stopped');
  } finally {
    await model.dispose();
  }
});
