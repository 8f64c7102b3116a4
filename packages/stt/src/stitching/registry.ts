/** Merge algorithms by name, for options and the bench. */
import { InvalidOptionError } from '../core/errors.js';
import { createLcsMerge } from './lcs-merge.js';
import { createLegacyMerge, RECOMMENDED_LEGACY } from './legacy/legacy-merge.js';
import { createTimedMerge } from './timed-merge.js';
import type { MergeAlgorithm } from './types.js';

/** Every name {@link getMergeAlgorithm} accepts. `timed` is the default. */
export const MERGE_ALGORITHM_NAMES = ['timed', 'lcs', 'legacy', 'legacy-recommended'] as const;
export type MergeAlgorithmName = (typeof MERGE_ALGORITHM_NAMES)[number];

/**
 * The merge algorithm called `name`, with default settings.
 * @throws InvalidOptionError for an unknown name.
 */
export function getMergeAlgorithm(name: string): MergeAlgorithm {
  switch (name) {
    case 'timed':
      return createTimedMerge();
    case 'lcs':
      return createLcsMerge();
    case 'legacy':
      return createLegacyMerge();
    case 'legacy-recommended':
      return createLegacyMerge(RECOMMENDED_LEGACY, 'legacy-recommended');
    default:
      throw new InvalidOptionError('unknown_merge_algorithm', `Unknown merge algorithm "${name}"`, {
        hint: `Use one of: ${MERGE_ALGORITHM_NAMES.join(', ')}.`,
        details: { name },
      });
  }
}
