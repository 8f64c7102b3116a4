/**
 * Alignment of a greedy token sequence with a beam token sequence (research-features §2.2.4): Levenshtein alignment
 * (unit costs) by dynamic programming, backtracked preferring match/substitution, then greedy insertion, then beam
 * insertion, so ties resolve the same way every time. Each greedy step gets the beam token it aligns to, or none
 * (greedy emitted a token beam has no counterpart for); beam tokens without a greedy step are counted.
 */

/** What one greedy step aligns to. */
export type AlignedStep =
  | { readonly op: 'match' | 'sub'; readonly beamIndex: number }
  /** The greedy token has no counterpart in the beam sequence. */
  | { readonly op: 'ins'; readonly beamIndex: -1 };

export interface Alignment {
  /** One entry per greedy token. */
  readonly steps: readonly AlignedStep[];
  readonly matches: number;
  readonly substitutions: number;
  /** Greedy tokens without a beam counterpart. */
  readonly insertions: number;
  /** Beam tokens without a greedy counterpart. */
  readonly deletions: number;
  /** Edit distance = substitutions + insertions + deletions. */
  readonly distance: number;
  /** Length of the common prefix (steps before the first difference). */
  readonly commonPrefix: number;
}

/**
 * Aligns `greedy` with `beam`. O(n·m) time and memory (sequences of at most a few hundred tokens).
 * @example alignTokens([1, 2, 3], [1, 3]).steps // [{op:'match',beamIndex:0},{op:'ins',beamIndex:-1},{op:'match',beamIndex:1}]
 */
export function alignTokens(greedy: readonly number[], beam: readonly number[]): Alignment {
  const n = greedy.length;
  const m = beam.length;
  const w = m + 1;
  const d = new Int32Array((n + 1) * w);
  for (let i = 0; i <= n; i++) d[i * w] = i;
  for (let j = 0; j <= m; j++) d[j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diag = (d[(i - 1) * w + j - 1] as number) + (greedy[i - 1] === beam[j - 1] ? 0 : 1);
      const up = (d[(i - 1) * w + j] as number) + 1;
      const left = (d[i * w + j - 1] as number) + 1;
      d[i * w + j] = Math.min(diag, up, left);
    }
  }
  const steps: AlignedStep[] = new Array<AlignedStep>(n);
  let matches = 0;
  let substitutions = 0;
  let insertions = 0;
  let deletions = 0;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i * w + j] as number;
    if (i > 0 && j > 0 && here === (d[(i - 1) * w + j - 1] as number) + (greedy[i - 1] === beam[j - 1] ? 0 : 1)) {
      const same = greedy[i - 1] === beam[j - 1];
      steps[i - 1] = { op: same ? 'match' : 'sub', beamIndex: j - 1 };
      if (same) matches++;
      else substitutions++;
      i--;
      j--;
    } else if (i > 0 && here === (d[(i - 1) * w + j] as number) + 1) {
      steps[i - 1] = { op: 'ins', beamIndex: -1 };
      insertions++;
      i--;
    } else {
      deletions++;
      j--;
    }
  }
  let commonPrefix = 0;
  while (commonPrefix < n && commonPrefix < m && greedy[commonPrefix] === beam[commonPrefix]) commonPrefix++;
  return { steps, matches, substitutions, insertions, deletions, distance: d[n * w + m] as number, commonPrefix };
}
