/**
 * `npm run parity:export`: exports `../shared/models/whisper-dev-random/model.safetensors` with `cephalon export`'s
 * library function (plain, and with `--cross-attentions`), then runs the exported and the published ONNX files on the
 * same inputs: encoder output (max |diff| <= 1e-5), first-step and teacher-forced logits along OpenAI's greedy path
 * (max |diff| per row <= 1e-5 x max |logit|, same argmax), cross-attention weights (<= 1e-5), and the same input/output
 * names, types and shapes. `-- --decode` also runs `parity:decode` on both exported folders; `-- --dtypes` also prints
 * (without judging) the same figures for the fp16 and q8 exports.
 * Exported folders stay in `.cache/parity-export/` (gitignored). Exit code 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exportWhisper } from '../src/export/export-model.js';
import { compareExportedModel } from '../src/export/parity.js';
import { DEV_MODEL_DIR } from '../src/transcription/reference/load-reference.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = `${ROOT}.cache/parity-export/`;
const TIMESTAMPED_DIR = `${DEV_MODEL_DIR}../whisper-dev-random_timestamped/`;

async function main(): Promise<number> {
  let failed = 0;
  const runs = [
    { label: 'whisper-dev-random', published: DEV_MODEL_DIR, crossAttentions: false },
    { label: 'whisper-dev-random_timestamped', published: TIMESTAMPED_DIR, crossAttentions: true },
  ];
  for (const run of runs) {
    const out = `${OUT}${run.label}`;
    const t0 = performance.now();
    const result = await exportWhisper(`${DEV_MODEL_DIR}model.safetensors`, { out, crossAttentions: run.crossAttentions });
    console.log(`\nexport ${DEV_MODEL_DIR}model.safetensors${run.crossAttentions ? ' --cross-attentions' : ''} -> ${out} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`compare with ${run.published}onnx/`);
    const figures = await compareExportedModel({ publishedDir: run.published, exportedDir: out, referenceDir: DEV_MODEL_DIR, dModel: result.dims.dModel, heads: result.dims.decoderHeads });
    for (const f of figures) {
      const argmax = f.rows > 0 && f.name.includes('logits') ? `  argmax differs in ${f.argmaxDiffers}/${f.rows} rows` : '';
      const scaled = f.name.includes('logits') ? `  / max|logit| ${f.scaled.toExponential(3)}` : '';
      console.log(`${f.pass ? 'ok  ' : 'FAIL'} ${f.name.padEnd(58)} max|diff| ${f.maxAbs.toExponential(3)}${scaled}  (tolerance ${f.tolerance})${argmax}`);
      if (!f.pass) failed++;
    }
    if (process.argv.includes('--decode')) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', `${ROOT}packages/stt/scripts/parity-decode.ts`, '--model', out], { stdio: 'inherit', cwd: ROOT });
      if (r.status !== 0) failed++;
    }
  }
  if (process.argv.includes('--dtypes')) {
    for (const [dtype, suffix, q8Kind] of [['fp16', '_fp16', undefined], ['q8', '_quantized', 'integer'], ['q8', '_quantized', 'dequantize']] as const) {
      const out = `${OUT}dtype-${dtype}-${q8Kind ?? ''}`;
      await exportWhisper(`${DEV_MODEL_DIR}model.safetensors`, { out, dtype, ...(q8Kind === undefined ? {} : { q8Kind }) });
      const figures = await compareExportedModel({ publishedDir: DEV_MODEL_DIR, exportedDir: out, exportedSuffix: suffix, dModel: 128, heads: 2 });
      console.log(`\n${dtype}${q8Kind === undefined ? '' : ` (${q8Kind})`} vs the published fp32 files (informational; not judged)`);
      for (const f of figures.filter((x) => x.rows > 0 || x.name.startsWith('encoder '))) {
        console.log(`     ${f.name.padEnd(58)} max|diff| ${f.maxAbs.toExponential(3)}${f.rows > 0 ? `  / max|logit| ${f.scaled.toExponential(3)}  argmax agrees in ${f.rows - f.argmaxDiffers}/${f.rows} rows` : ''}`);
      }
    }
  }
  console.log(failed === 0 ? '\nparity:export: all checks pass' : `\nparity:export: ${failed} checks FAIL`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
