/**
 * The prototype's per-chunk heuristics (stt-requirements §10.2), kept for comparison in the bench only.
 * They work on string units (words here; the prototype used tokens) and return the kept unit indices.
 */

/** Keeps a unit only when it differs from the previous unit ("yes yes yes" -> "yes"; also eats "no no no"). */
export function removeConsecutiveRepeats(units: readonly string[]): number[] {
  return units.flatMap((u, i) => (i > 0 && units[i - 1] === u ? [] : [i]));
}

/**
 * Word-level prefix trim (`trim_redundant_prefix`): the longest common block of the last `maxPrev` prior units and
 * the new units is cut from the new units only when it is longer than `minBlock` units and starts at the first new unit.
 */
export function prefixTrim(prior: readonly string[], units: readonly string[], maxPrev = 40, minBlock = 3): number[] {
  const prev = prior.slice(-maxPrev);
  let bestSize = 0;
  let bestB = -1;
  for (let a = 0; a < prev.length; a++) {
    for (let b = 0; b < units.length; b++) {
      let size = 0;
      while (a + size < prev.length && b + size < units.length && prev[a + size] === units[b + size]) size++;
      if (size > bestSize) {
        bestSize = size;
        bestB = b;
      }
    }
  }
  const cut = bestSize > minBlock && bestB === 0 ? bestSize : 0;
  return units.map((_, i) => i).slice(cut);
}

/**
 * N-gram de-duplication (`dedupe_ngrams`): at each position try n = maxN..2; if that n-gram was seen anywhere
 * earlier in the chunk, skip its n units; otherwise record the n-grams starting here and keep the unit.
 */
export function dedupeNgrams(units: readonly string[], maxN = 6): number[] {
  const seen = new Map<number, Set<string>>();
  const kept: number[] = [];
  let i = 0;
  outer: while (i < units.length) {
    for (let n = maxN; n >= 2; n--) {
      if (i + n > units.length) continue;
      if (seen.get(n)?.has(units.slice(i, i + n).join('\u0000'))) {
        i += n;
        continue outer;
      }
    }
    for (let n = maxN; n >= 2; n--) {
      if (i + n > units.length) continue;
      const set = seen.get(n) ?? new Set<string>();
      set.add(units.slice(i, i + n).join('\u0000'));
      seen.set(n, set);
    }
    kept.push(i);
    i++;
  }
  return kept;
}

/** Token-overlap trim (`find_overlap`): drops the longest prefix of `units` equal to a suffix of `prior` (capped). */
export function tokenOverlapTrim(prior: readonly string[], units: readonly string[], cap = 20): number[] {
  let best = 0;
  for (let k = 1; k <= Math.min(cap, prior.length, units.length); k++) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = prior[prior.length - k + j] === units[j];
    if (same) best = k;
  }
  return units.map((_, i) => i).slice(best);
}
