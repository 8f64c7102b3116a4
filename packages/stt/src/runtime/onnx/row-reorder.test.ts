import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { reorderRows, tileFirstRow } from './row-reorder.js';

/** `[batch, rowLength]` buffer whose row r holds values r*1000 + column. */
function rows(batch: number, rowLength: number): Float32Array {
  const out = new Float32Array(batch * rowLength);
  for (let r = 0; r < batch; r++) for (let c = 0; c < rowLength; c++) out[r * rowLength + c] = r * 1000 + c;
  return out;
}

function rowValues(buffer: Float32Array, rowLength: number, row: number): number[] {
  return Array.from(buffer.subarray(row * rowLength, (row + 1) * rowLength));
}

test('identity parents copy nothing and change nothing', () => {
  const a = rows(4, 3);
  const before = a.slice();
  assert.equal(reorderRows([a], 3, [0, 1, 2, 3]), 0);
  assert.deepEqual(a, before);
});

test('duplicated parent copies only the replaced row', () => {
  const a = rows(3, 5);
  const b = rows(3, 5);
  const bytes = reorderRows([a, b], 5, [0, 0, 2]);
  assert.equal(bytes, 2 * 1 * 5 * 4, 'one row of 5 floats in each of two buffers');
  assert.deepEqual(rowValues(a, 5, 1), rowValues(rows(3, 5), 5, 0));
  assert.deepEqual(rowValues(b, 5, 2), rowValues(rows(3, 5), 5, 2));
});

test('a swap goes through scratch and stays correct', () => {
  const a = rows(2, 4);
  const bytes = reorderRows([a], 4, [1, 0]);
  assert.deepEqual(rowValues(a, 4, 0), rowValues(rows(2, 4), 4, 1));
  assert.deepEqual(rowValues(a, 4, 1), rowValues(rows(2, 4), 4, 0));
  assert.equal(bytes, (2 + 2) * 4 * 4, 'two rows written and two saved first');
});

test('any parent map gives row i = old row parents[i] (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }).chain((batch) =>
        fc.tuple(fc.constant(batch), fc.array(fc.integer({ min: 0, max: batch - 1 }), { minLength: batch, maxLength: batch })),
      ),
      fc.integer({ min: 1, max: 4 }),
      ([batch, parents], rowLength) => {
        const original = rows(batch, rowLength);
        const a = original.slice();
        const bytes = reorderRows([a], rowLength, parents);
        for (let i = 0; i < batch; i++) {
          assert.deepEqual(rowValues(a, rowLength, i), rowValues(original, rowLength, parents[i] as number));
        }
        const changed = parents.filter((p, i) => p !== i).length;
        assert.ok(bytes >= changed * rowLength * 4 && bytes <= 2 * changed * rowLength * 4);
      },
    ),
  );
});

test('tileFirstRow copies row 0 into every other row', () => {
  const a = rows(3, 2);
  assert.equal(tileFirstRow(a, 2, 3), 2 * 2 * 4);
  assert.deepEqual(Array.from(a), [0, 1, 0, 1, 0, 1]);
});
