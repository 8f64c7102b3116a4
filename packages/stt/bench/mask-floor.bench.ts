/**
 * `npm run bench:mask-floor [-- --cache-length 224]`: the fixed-shape (NPU) decoder with the exact attention mask
 * (maskFloor 0) vs the prototype's floor (maskFloor 128), on every `decode_<audio>.json` case of the dev model
 * (greedy, timestamps, beam 5, language detection, translate). The static export of the dev model's safetensors is
 * written to .cache/bench-static-<N>/. Per case and mask: identical tokens to OpenAI's reference (yes/no), the number
 * of leading tokens that agree, and the decode time; the two masks run alternately on the same encoded window.
 * Random weights: token agreement and cost are what is measured, not transcription quality.
 */
import { exportWhisper } from '../src/export/export-model.js';
import { PROTOTYPE_MASK_FLOOR } from '../src/runtime/onnx/static-decoder.js';
import { DEV_MODEL_DIR, loadDevModel, readReferenceJson, readReferenceMel, runDecodeCase } from '../src/transcription/reference/load-reference.js';
import type { RefDecodeFile } from '../src/transcription/reference/load-reference.js';

const at = process.argv.indexOf('--cache-length');
const cacheLength = at >= 0 ? Number(process.argv[at + 1]) : 448;
const dir = `.cache/bench-static-${cacheLength}/`;
await exportWhisper(`${DEV_MODEL_DIR}model.safetensors`, { out: dir, static: true, cacheLength });
const floors = [0, PROTOTYPE_MASK_FLOOR];
const models = await Promise.all(floors.map((f) => loadDevModel({ intraOpNumThreads: 2 }, dir, f)));
console.log(`static export of whisper-dev-random, cache length ${cacheLength}; maskFloor ${floors.join(' vs ')} (random weights: agreement and cost, not quality)`);
console.log(`${'case'.padEnd(36)}${floors.map((f) => `maskFloor ${f}: same / leading agree / s`.padEnd(46)).join('')}`);
const totals = floors.map(() => ({ same: 0, cases: 0, seconds: 0, tokens: 0, agree: 0, decoded: 0 }));
try {
  for (const audio of ['jfk', 'long']) {
    const file = readReferenceJson<RefDecodeFile>(`decode_${audio}.json`);
    const encoded = await models[0]?.model.encoder.encode(readReferenceMel(file.mel).data, 1);
    if (encoded === undefined) throw new Error('no model');
    for (const [name, ref] of Object.entries(file.cases)) {
      const cells: string[] = [];
      for (let i = 0; i < floors.length; i++) {
        const t0 = performance.now();
        const r = await runDecodeCase(models[i] as Awaited<ReturnType<typeof loadDevModel>>, encoded, ref);
        const seconds = (performance.now() - t0) / 1000;
        let lead = 0;
        while (lead < ref.tokens.length && r.tokens[lead] === ref.tokens[lead]) lead++;
        const same = lead === ref.tokens.length && r.tokens.length === ref.tokens.length;
        const t = totals[i] as (typeof totals)[number];
        t.same += same ? 1 : 0;
        t.cases++;
        t.seconds += seconds;
        t.tokens += ref.tokens.length;
        t.agree += lead;
        t.decoded += r.tokens.length;
        cells.push(`${same ? 'yes' : 'no '} / ${String(lead).padStart(3)} of ${String(ref.tokens.length).padStart(3)} (ours ${String(r.tokens.length).padStart(3)}) / ${seconds.toFixed(1)}`.padEnd(46));
      }
      console.log(`${`${audio}/${name}`.padEnd(36)}${cells.join('')}`);
    }
  }
} finally {
  await Promise.all(models.map((m) => m.model.dispose()));
}
for (let i = 0; i < floors.length; i++) {
  const t = totals[i] as (typeof totals)[number];
  console.log(`maskFloor ${floors[i]}: identical tokens in ${t.same}/${t.cases} cases, leading tokens agreeing ${t.agree}/${t.tokens}, decode time ${t.seconds.toFixed(1)} s for ${t.decoded} decoded tokens (${((1000 * t.seconds) / t.decoded).toFixed(1)} ms per token, beams included)`);
}
const [exact, floor] = totals;
// The step is the same fixed-shape computation whatever the mask, so time differs by the tokens each mask decodes.
if (exact !== undefined && floor !== undefined) console.log(`speed maskFloor ${PROTOTYPE_MASK_FLOOR} vs 0: total x${(exact.seconds / floor.seconds).toFixed(2)}, per decoded token x${(exact.seconds / exact.decoded / (floor.seconds / floor.decoded)).toFixed(2)}`);
