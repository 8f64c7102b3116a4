/**
 * Dynamic time warping over a token × frame cost, exactly as OpenAI's `dtw_cpu` + `backtrace` (whisper/timing.py):
 * the cumulative cost is stored in float32 (`np.float32` there, `Math.fround` here), the step is chosen with strict
 * comparisons in the order diagonal, up, left (ties go left), and the backtrace forces row 0 left and column 0 up.
 * Hand-written because its tie-breaking decides word boundaries and must match OpenAI's bit for bit.
 */

/** The monotonic path from (0, 0) to (rows - 1, cols - 1): `textIndices[k]`, `timeIndices[k]` per step. */
export interface DtwPath {
  readonly textIndices: Int32Array;
  readonly timeIndices: Int32Array;
}

/** The path plus, for diagnostics, each cell's decision margin. */
export interface DtwResult extends DtwPath {
  /**
   * `[(rows + 1) * (cols + 1)]`: how much more the best rejected predecessor costs than the chosen one at each cell
   * (0 = an exact tie, resolved by OpenAI's order). Present only when asked for.
   */
  readonly margins?: Float32Array;
  /** Float32 cumulative cost at the end of the path. */
  readonly totalCost: number;
}

const DIAGONAL = 0;
const UP = 1;
const LEFT = 2;

/**
 * @param x cost, `rows × cols` row-major (OpenAI passes `-matrix` as float64)
 * @param withMargins also return the decision margin of every cell
 */
export function dtw(x: ArrayLike<number>, rows: number, cols: number, withMargins = false): DtwResult {
  if (rows < 1 || cols < 1 || x.length < rows * cols) throw new RangeError(`dtw: a ${rows}×${cols} cost needs ${rows * cols} values, got ${x.length}`);
  const stride = cols + 1;
  const cost = new Float32Array((rows + 1) * stride).fill(Infinity);
  const trace = new Int8Array((rows + 1) * stride).fill(-1);
  const margins = withMargins ? new Float32Array((rows + 1) * stride) : undefined;
  cost[0] = 0;
  for (let j = 1; j <= cols; j++) {
    for (let i = 1; i <= rows; i++) {
      const c0 = cost[(i - 1) * stride + j - 1] as number;
      const c1 = cost[(i - 1) * stride + j] as number;
      const c2 = cost[i * stride + j - 1] as number;
      let c: number;
      let t: number;
      if (c0 < c1 && c0 < c2) {
        c = c0;
        t = DIAGONAL;
      } else if (c1 < c0 && c1 < c2) {
        c = c1;
        t = UP;
      } else {
        c = c2;
        t = LEFT;
      }
      cost[i * stride + j] = Math.fround((x[(i - 1) * cols + j - 1] as number) + c);
      trace[i * stride + j] = t;
      if (margins !== undefined) {
        const others = t === DIAGONAL ? Math.min(c1, c2) : t === UP ? Math.min(c0, c2) : Math.min(c0, c1);
        margins[i * stride + j] = others - c;
      }
    }
  }
  return { ...backtrace(trace, rows, cols), totalCost: cost[rows * stride + cols] as number, ...(margins === undefined ? {} : { margins }) };
}

/** OpenAI's `backtrace`: walks the trace from the bottom-right corner; `trace` is changed (row/column 0). */
function backtrace(trace: Int8Array, rows: number, cols: number): DtwPath {
  const stride = cols + 1;
  for (let j = 0; j <= cols; j++) trace[j] = LEFT;
  for (let i = 0; i <= rows; i++) trace[i * stride] = UP;
  const text: number[] = [];
  const time: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 || j > 0) {
    text.push(i - 1);
    time.push(j - 1);
    const t = trace[i * stride + j];
    if (t === DIAGONAL) {
      i--;
      j--;
    } else if (t === UP) i--;
    else if (t === LEFT) j--;
    else throw new Error(`dtw backtrace: unexpected trace value ${t} at (${i}, ${j})`);
  }
  text.reverse();
  time.reverse();
  return { textIndices: Int32Array.from(text), timeIndices: Int32Array.from(time) };
}
