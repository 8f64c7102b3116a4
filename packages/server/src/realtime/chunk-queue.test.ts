import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkQueue } from './chunk-queue.js';

test('chunks pushed before and while reading come out in order; end() finishes after the rest', async () => {
  const q = new ChunkQueue();
  q.push(Int16Array.of(1));
  const read = (async () => {
    const out: number[] = [];
    for await (const c of q) out.push(...c);
    return out;
  })();
  await new Promise((r) => setTimeout(r, 5));
  q.push(Int16Array.of(2, 3));
  q.end();
  q.push(Int16Array.of(4)); // after the end: dropped
  assert.deepEqual(await read, [1, 2, 3]);
});
