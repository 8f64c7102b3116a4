/**
 * Runtime parity on whisper-dev-random: prints max-abs-diff figures and exits non-zero if any exceeds its tolerance.
 * Run: `npx tsx packages/stt/scripts/parity-runtime.ts` (part of `npm run parity:frontend`).
 */
import { ENCODER_ATOL, LOGITS_RTOL, SAME_PATH_ATOL, batchedFigure, incrementalFigure, loadDevModel, referenceFigures } from '../src/runtime/onnx/parity-checks.js';
import type { Figure } from '../src/runtime/onnx/parity-checks.js';

async function main(): Promise<number> {
  const figures: Figure[] = [];
  for (const layout of ['merged', 'split'] as const) {
    const model = await loadDevModel(layout);
    try {
      for (const audio of ['jfk', 'long'] as const) figures.push(...(await referenceFigures(model, audio, layout)));
      figures.push(await incrementalFigure(model, layout));
      figures.push(await batchedFigure(model, layout));
    } finally {
      await model.dispose();
    }
  }
  console.log(`tolerances: encoder max|diff| <= ${ENCODER_ATOL}; logits max|diff| / max|expected| <= ${LOGITS_RTOL} and same argmax per row; batched vs alone max|diff| <= ${SAME_PATH_ATOL}`);
  for (const f of figures) {
    const argmax = f.name.startsWith('encoder') ? '' : ` argmax ${f.argmaxAgree ? 'agrees' : 'DIFFERS'}`;
    console.log(`${f.pass ? 'ok  ' : 'FAIL'} ${f.name.padEnd(62)} max|diff| ${f.maxAbs.toExponential(3)}  scaled ${f.scaled.toExponential(3)}${argmax}`);
  }
  const failed = figures.filter((f) => !f.pass).length;
  console.log(failed === 0 ? `runtime parity: all ${figures.length} checks pass` : `runtime parity: ${failed} of ${figures.length} checks FAIL`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
