import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError } from '../src/core/errors.js';
import { StaticKvCache } from '../src/runtime/onnx/static-decoder.js';
import { DEV_MODEL_DIR, loadDevModel, readReferenceJson, readReferenceMel } from '../src/transcription/reference/load-reference.js';
import type { RefDecodeFile } from '../src/transcription/reference/load-reference.js';
import { exportWhisper } from '../src/export/export-model.js';
import { onnx } from '../src/export/onnx-builder.js';

test('static export: fixed shapes; maskFloor 0 gives the logits of the merged decoder; beams own their cache slots; the floor changes logits', async () => {
  const out = mkdtempSync(join(tmpdir(), 'static-'));
  try {
    await exportWhisper(DEV_MODEL_DIR, { out, static: true, cacheLength: 160 });
    const step = onnx.ModelProto.decode(readFileSync(join(out, 'onnx', 'decoder_step_model.onnx')));
    for (const input of step.graph?.input ?? []) {
      const dims = input.type?.tensorType?.shape?.dim ?? [];
      assert.ok(dims.length > 0 && dims.every((d) => !d.dimParam && Number(String(d.dimValue)) > 0), `${input.name} has a symbolic dimension`);
    }
    const exact = await loadDevModel({}, `${out}/`, 0);
    const floored = await loadDevModel({}, `${out}/`, 128);
    try {
      const file = readReferenceJson<RefDecodeFile>('decode_jfk.json');
      const encoded = await exact.model.encoder.encode(readReferenceMel(file.mel).data, 1);
      const ref = file.cases['greedy_no_ts'];
      assert.ok(ref !== undefined);
      // Teacher-forced along OpenAI's greedy path: the static step's logits equal the published merged decoder's.
      const dynamic = await loadDevModel();
      try {
        const sc = exact.model.decoder.createCache(encoded, 1);
        const dc = dynamic.model.decoder.createCache(encoded, 1);
        let feed: number[] = [50258, 50259, 50359, 50363];
        for (let i = 0; i < 8; i++) {
          const ls = await exact.model.decoder.step(sc, [feed], { logitPositions: [feed.length - 1] });
          const ld = await dynamic.model.decoder.step(dc, [feed], { logitPositions: [feed.length - 1] });
          let diff = 0;
          let scale = 0;
          for (let j = 0; j < ld.data.length; j++) {
            diff = Math.max(diff, Math.abs((ls.data[j] as number) - (ld.data[j] as number)));
            scale = Math.max(scale, Math.abs(ld.data[j] as number));
          }
          assert.ok(diff <= 1e-5 * scale, `step ${i}: max |diff| ${diff} vs max |logit| ${scale}`);
          feed = [ref.tokens[i] as number];
        }
        sc.dispose();
        dc.dispose();
      } finally {
        await dynamic.model.dispose();
      }
      // Per-beam slots: after reorder([0, 0, 2]) rows 0 and 1 hold equal values in separate buffers.
      const cache = exact.model.decoder.createCache(encoded, 3);
      await exact.model.decoder.step(cache, [[50258, 50259], [50258, 50260], [50258, 50261]]);
      assert.ok(cache instanceof StaticKvCache);
      assert.notDeepEqual(cache.rows[0]?.[0], cache.rows[1]?.[0]);
      const copied = exact.model.decoder.reorder(cache, [0, 0, 2]);
      assert.ok(copied > 0);
      assert.deepEqual(cache.rows[1]?.[0], cache.rows[0]?.[0]);
      assert.notEqual(cache.rows[1]?.[0], cache.rows[0]?.[0]);
      (cache.rows[1]?.[0] as Float32Array)[0] = 12345;
      assert.notEqual(cache.rows[0]?.[0]?.[0], 12345);
      cache.dispose();
      // The prototype's floor attends zeroed slots early in a window: the first logits differ from the exact mask's.
      const a = exact.model.decoder.createCache(encoded, 1);
      const b = floored.model.decoder.createCache(encoded, 1);
      const la = await exact.model.decoder.step(a, [[50258, 50259, 50359, 50363]]);
      const lb = await floored.model.decoder.step(b, [[50258, 50259, 50359, 50363]]);
      let diff = 0;
      for (let i = 0; i < la.data.length; i++) diff = Math.max(diff, Math.abs((la.data[i] as number) - (lb.data[i] as number)));
      assert.ok(diff > 1, `maskFloor 128 should change the logits, max |diff| ${diff}`);
      a.dispose();
      // A full cache is a typed error, not a silent overwrite.
      const full = exact.model.decoder.createCache(encoded, 1);
      await assert.rejects(exact.model.decoder.step(full, [Array.from({ length: 161 }, () => 50258)]), (e: unknown) => e instanceof RuntimeError);
      full.dispose();
      b.dispose();
    } finally {
      await exact.model.dispose();
      await floored.model.dispose();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
