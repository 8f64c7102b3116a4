/**
 * Beam reordering of batched cache tensors: row `i` becomes a copy of row `parents[i]`,
 * copying only rows that change. Pure; no ONNX Runtime.
 */

/** Bytes per float32 element. */
const FLOAT32_BYTES = Float32Array.BYTES_PER_ELEMENT;

/**
 * Reorders `buffers` (each `[batch, rowLength]` row-major, same batch) in place so that afterwards
 * row `i` holds what row `parents[i]` held. Rows with `parents[i] === i` are not touched. A row that is both
 * overwritten and read by another row (a swap, or a parent that is itself replaced) is saved to scratch first.
 * Returns the bytes copied (scratch saves included); identity parents copy nothing.
 *
 * @example
 * reorderRows([k, v], heads * length * headDim, [0, 0, 2]); // row 1 := row 0; rows 0 and 2 untouched
 */
export function reorderRows(buffers: readonly Float32Array[], rowLength: number, parents: readonly number[]): number {
  const changed: number[] = [];
  for (let i = 0; i < parents.length; i++) if (parents[i] !== i) changed.push(i);
  if (changed.length === 0 || rowLength === 0) return 0;
  const saved = new Map<number, number>();
  for (const i of changed) {
    const source = parents[i] as number;
    if (parents[source] !== source && !saved.has(source)) saved.set(source, saved.size);
  }
  let copiedRows = 0;
  const scratch = saved.size === 0 ? null : new Float32Array(saved.size * rowLength);
  for (const buffer of buffers) {
    if (scratch !== null) {
      for (const [row, slot] of saved) {
        scratch.set(buffer.subarray(row * rowLength, (row + 1) * rowLength), slot * rowLength);
      }
    }
    for (const i of changed) {
      const source = parents[i] as number;
      const slot = saved.get(source);
      const from =
        slot === undefined || scratch === null
          ? buffer.subarray(source * rowLength, (source + 1) * rowLength)
          : scratch.subarray(slot * rowLength, (slot + 1) * rowLength);
      buffer.set(from, i * rowLength);
    }
    copiedRows += changed.length + saved.size;
  }
  return copiedRows * rowLength * FLOAT32_BYTES;
}

/** Copies row 0 of `buffer` (`[batch, rowLength]`) into rows 1..batch-1; returns bytes copied. */
export function tileFirstRow(buffer: Float32Array, rowLength: number, batch: number): number {
  const first = buffer.subarray(0, rowLength);
  for (let row = 1; row < batch; row++) buffer.set(first, row * rowLength);
  return (batch - 1) * rowLength * FLOAT32_BYTES;
}
