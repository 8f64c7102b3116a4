/**
 * Principal component analysis of n-D points to 2-D: covariance, then the top two eigenvectors by
 * power iteration with deflation (deterministic start, sign fixed so the largest component is positive).
 */

export interface Projection2d {
  /** 'pca' or 'axes' (the fixed projection onto axes 1 and 2, used when the points have no spread). */
  readonly kind: 'pca' | 'axes';
  readonly mean: number[];
  /** Two unit vectors [2][n]. */
  readonly basis: [number[], number[]];
  /** Share of the total variance along each basis vector (NaN for 'axes' with no variance). */
  readonly explained: [number, number];
}

const ITERATIONS = 500;

function covariance(points: readonly (readonly number[])[], mean: readonly number[]): number[][] {
  const n = mean.length;
  const c = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const p of points) {
    for (let i = 0; i < n; i++) {
      const di = (p[i] ?? 0) - (mean[i] ?? 0);
      const row = c[i] as number[];
      for (let j = 0; j < n; j++) row[j] = (row[j] as number) + (di * ((p[j] ?? 0) - (mean[j] ?? 0))) / points.length;
    }
  }
  return c;
}

function matVec(m: readonly (readonly number[])[], v: readonly number[]): number[] {
  return m.map((row) => row.reduce((s, x, j) => s + x * (v[j] ?? 0), 0));
}

function normalise(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

/** The dominant eigenvector and eigenvalue of a symmetric positive semi-definite matrix. */
function dominant(m: readonly (readonly number[])[]): { vector: number[]; value: number } {
  const n = m.length;
  let v = normalise(Array.from({ length: n }, (_, i) => 1 + i / n));
  for (let it = 0; it < ITERATIONS; it++) v = normalise(matVec(m, v));
  const value = matVec(m, v).reduce((s, x, i) => s + x * (v[i] ?? 0), 0);
  const big = v.reduce((b, x, i) => (Math.abs(x) > Math.abs(v[b] ?? 0) ? i : b), 0);
  return { vector: (v[big] ?? 0) < 0 ? v.map((x) => -x) : v, value };
}

/** Fits the 2-D projection of `points` ([count][n]). */
export function fitProjection(points: readonly (readonly number[])[]): Projection2d {
  const n = points[0]?.length ?? 2;
  const mean = Array.from({ length: n }, (_, k) => points.reduce((s, p) => s + (p[k] ?? 0), 0) / Math.max(1, points.length));
  const c = covariance(points, mean);
  const total = c.reduce((s, row, i) => s + (row[i] ?? 0), 0);
  const axes: [number[], number[]] = [Array.from({ length: n }, (_, k) => (k === 0 ? 1 : 0)), Array.from({ length: n }, (_, k) => (k === 1 ? 1 : 0))];
  if (!(total > 0) || n < 2) return { kind: 'axes', mean, basis: axes, explained: [Number.NaN, Number.NaN] };
  const first = dominant(c);
  const deflated = c.map((row, i) => row.map((x, j) => x - first.value * (first.vector[i] ?? 0) * (first.vector[j] ?? 0)));
  const second = dominant(deflated);
  return { kind: 'pca', mean, basis: [first.vector, second.vector], explained: [first.value / total, Math.max(0, second.value) / total] };
}

/** Projects one point. */
export function project(p: Projection2d, x: readonly number[]): [number, number] {
  const d = x.map((v, k) => v - (p.mean[k] ?? 0));
  const dot = (b: readonly number[]): number => d.reduce((s, v, k) => s + v * (b[k] ?? 0), 0);
  return [dot(p.basis[0]), dot(p.basis[1])];
}
