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

test('discard() drops the chunks not read yet and ends the stream', async () => {
  const q = new ChunkQueue();
  q.push(Int16Array.of(1));
  const it = q[Symbol.asyncIterator]();
  assert.deepEqual([...((await it.next()).value as Int16Array)], [1]);
  q.push(Int16Array.of(2, 3));
  q.discard();
  q.push(Int16Array.of(4));
  assert.equal((await it.next()).done, true);
});
