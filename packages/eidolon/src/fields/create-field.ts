/** Builds the backend named by a FieldSpec, seeding the random initial blobs of spec A7.5. */
import type { RandomStream } from '../random/xoshiro.js';
import type { FieldSpec } from '../state/params.js';
import { BlobField } from './blob-field.js';
import { GridField } from './grid-field.js';
import type { ScalarField } from './types.js';

export function createField(spec: FieldSpec, dims: number, random: RandomStream): ScalarField & { resetLedger(): void } {
  if (spec.kind === 'grid') {
    const grid = new GridField(spec);
    grid.resetLedger();
    return grid;
  }
  const field = new BlobField(dims, spec);
  const { blobs, massStd, width, spread } = spec.initial;
  for (let b = 0; b < Math.min(blobs, spec.maxBlobs); b++) {
    const centre: number[] = [];
    for (let k = 0; k < dims; k++) centre.push(spread * (2 * random.nextFloat() - 1));
    field.addSource({ centre, mass: massStd * random.nextGaussian(), width });
  }
  field.resetLedger();
  return field;
}
