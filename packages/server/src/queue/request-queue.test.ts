import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestAbortedError } from '../api-error.js';
import { RequestQueue } from './request-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('admits concurrency + maxWaiting tickets, then refuses; release makes room', () => {
  const q = new RequestQueue(1, 2);
  const tickets = [q.tryAdmit(), q.tryAdmit(), q.tryAdmit()];
  assert.ok(tickets.every((t) => t !== null));
  assert.equal(q.tryAdmit(), null);
  assert.deepEqual(q.stats, { waiting: 3, running: 0, capacity: 3 });
  tickets[0]?.release();
  tickets[0]?.release(); // idempotent
  assert.deepEqual(q.stats, { waiting: 2, running: 0, capacity: 3 });
  assert.notEqual(q.tryAdmit(), null);
});

test('runs in arrival order, one slot at a time; a running ticket holds its slot until its work ends', async () => {
  const q = new RequestQueue(1, 8);
  const order: number[] = [];
  const gates = [deferred(), deferred(), deferred()];
  const signal = new AbortController().signal;
  const runs = gates.map((g, i) => {
    const t = q.tryAdmit();
    assert.ok(t !== null);
    return t.run(async () => {
      order.push(i);
      await g.promise;
    }, signal).finally(() => t.release());
  });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(q.stats, { waiting: 2, running: 1, capacity: 9 });
  gates[0]?.resolve();
  gates[2]?.resolve();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [0, 1]);
  gates[1]?.resolve();
  await Promise.all(runs);
  assert.deepEqual(order, [0, 1, 2]);
  assert.deepEqual(q.stats, { waiting: 0, running: 0, capacity: 9 });
});

test('an abort while waiting leaves the line with the abort reason; the slot goes to the next', async () => {
  const q = new RequestQueue(1, 8);
  const gate = deferred();
  const first = q.tryAdmit();
  const second = q.tryAdmit();
  const third = q.tryAdmit();
  assert.ok(first !== null && second !== null && third !== null);
  const never = new AbortController().signal;
  const r1 = first.run(() => gate.promise, never);
  const c2 = new AbortController();
  const r2 = second.run(async () => assert.fail('aborted work must not run'), c2.signal);
  const r3 = third.run(async () => 'third', never);
  c2.abort(new RequestAbortedError('timeout'));
  await assert.rejects(r2, (e: unknown) => e instanceof RequestAbortedError && e.reason === 'timeout');
  second.release();
  gate.resolve();
  await r1;
  assert.equal(await r3, 'third');
  first.release();
  third.release();
  assert.deepEqual(q.stats, { waiting: 0, running: 0, capacity: 9 });
});

test('Retry-After is at least 1 s', () => {
  assert.ok(new RequestQueue(2, 0).retryAfterSec() >= 1);
});
