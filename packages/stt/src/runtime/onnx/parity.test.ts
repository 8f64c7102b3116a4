import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchedFigure, incrementalFigure, loadDevModel, referenceFigures } from './parity-checks.js';
import type { Figure } from './parity-checks.js';

function assertPass(f: Figure): void {
  assert.ok(f.pass, `${f.name}: max|diff| ${f.maxAbs} (scaled ${f.scaled}), argmax agrees: ${f.argmaxAgree}`);
}

for (const layout of ['merged', 'split'] as const) {
  test(`${layout} decoder: encoder and first-step logits match OpenAI's reference; cache and batching do not change logits`, async () => {
    const model = await loadDevModel(layout);
    try {
      const figures = [
        ...(await referenceFigures(model, 'jfk', layout)),
        ...(await referenceFigures(model, 'long', layout)),
        await incrementalFigure(model, layout),
        await batchedFigure(model, layout),
      ];
      assert.equal(figures.length, 8);
      for (const f of figures) assertPass(f);
      const batched = figures.find((f) => f.name.startsWith('batched'));
      assert.equal(batched?.maxAbs, 0, 'batched rows are bit-identical to single rows on the same steps');
    } finally {
      await model.dispose();
    }
  });
}
