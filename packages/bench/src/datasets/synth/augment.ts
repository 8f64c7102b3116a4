/**
 * Seeded augmentation plans: the seed alone decides which utterances get which speed, pitch, reverberation and
 * noise level, and the noise seed of each. Speed, pitch and reverb are sox effects; noise is added in
 * {@link addNoise} from a seeded generator, so the same seed gives byte-identical audio.
 */
import { InvalidOptionError } from '@cephalon/stt';
import { seededRandom } from '../../stats/random.js';

/** Which augmentations may be drawn, and how often. */
export interface AugmentOptions {
  /** Speed factors (sox `speed`, changes tempo and pitch), e.g. `[0.9, 1.1]`. */
  readonly speed?: readonly number[];
  /** Pitch shifts in cents (sox `pitch`), e.g. `[-200, 200]`. */
  readonly pitch?: readonly number[];
  /** Reverberance in percent 0..100 (sox `reverb`), e.g. `[30, 60]`. */
  readonly reverb?: readonly number[];
  /** Signal-to-noise ratios of added white noise, in dB, e.g. `[20, 10]`. */
  readonly noiseSnrDb?: readonly number[];
  /** Chance that each listed augmentation is applied to an utterance. Default 0.5. */
  readonly probability?: number;
}

/** The augmentations drawn for one utterance (absent = not applied). */
export interface AugmentPlan {
  readonly speed?: number;
  readonly pitchCents?: number;
  readonly reverb?: number;
  readonly noiseSnrDb?: number;
  /** Seed of this utterance's noise. */
  readonly noiseSeed?: number;
}

const DEFAULT_PROBABILITY = 0.5;
const SEED_RANGE = 2 ** 31;

function pick(rand: () => number, values: readonly number[] | undefined, p: number): number | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const apply = rand() < p;
  const value = values[Math.floor(rand() * values.length)];
  return apply ? value : undefined;
}

function check(name: string, values: readonly number[] | undefined, min: number, max: number): void {
  for (const v of values ?? []) {
    if (!Number.isFinite(v) || v < min || v > max) {
      throw new InvalidOptionError('augment_value', `augment ${name}: ${v} is not in [${min}, ${max}]`, { hint: `Give ${name} values between ${min} and ${max}.` });
    }
  }
}

/** Validates augmentation options once. */
export function validateAugment(options: AugmentOptions): void {
  check('speed', options.speed, 0.25, 4);
  check('pitch', options.pitch, -2400, 2400);
  check('reverb', options.reverb, 0, 100);
  check('noise', options.noiseSnrDb, -20, 100);
  const p = options.probability ?? DEFAULT_PROBABILITY;
  if (!(p >= 0 && p <= 1)) throw new InvalidOptionError('augment_probability', `augment probability ${p} is not in [0, 1]`, { hint: 'Use e.g. 0.5.' });
}

/**
 * Draws one plan per utterance. Every utterance consumes the same number of random draws, so plan k does not
 * depend on how many utterances follow.
 * @example planAugmentations(3, { speed: [0.9, 1.1], noiseSnrDb: [10] }, 7)
 */
export function planAugmentations(count: number, options: AugmentOptions, seed: number): AugmentPlan[] {
  validateAugment(options);
  const p = options.probability ?? DEFAULT_PROBABILITY;
  const rand = seededRandom(seed);
  const plans: AugmentPlan[] = [];
  for (let k = 0; k < count; k += 1) {
    const speed = pick(rand, options.speed, p);
    const pitchCents = pick(rand, options.pitch, p);
    const reverb = pick(rand, options.reverb, p);
    const noiseSnrDb = pick(rand, options.noiseSnrDb, p);
    const noiseSeed = Math.floor(rand() * SEED_RANGE);
    plans.push({
      ...(speed === undefined ? {} : { speed }),
      ...(pitchCents === undefined ? {} : { pitchCents }),
      ...(reverb === undefined ? {} : { reverb }),
      ...(noiseSnrDb === undefined ? {} : { noiseSnrDb, noiseSeed }),
    });
  }
  return plans;
}

/** sox effect arguments of a plan (empty when nothing applies). */
export function soxEffects(plan: AugmentPlan): string[] {
  const fx: string[] = [];
  if (plan.speed !== undefined) fx.push('speed', String(plan.speed));
  if (plan.pitchCents !== undefined) fx.push('pitch', String(plan.pitchCents));
  if (plan.reverb !== undefined) fx.push('reverb', String(plan.reverb));
  return fx;
}

/** Parses CLI `--augment` items such as `speed=0.9,1.1`, `pitch=-200,200`, `reverb=50`, `noise=20,10`, `p=0.5`. */
export function parseAugmentArgs(items: readonly string[]): AugmentOptions {
  const out: Record<string, number[] | number> = {};
  const names: Record<string, string> = { speed: 'speed', pitch: 'pitch', reverb: 'reverb', noise: 'noiseSnrDb' };
  for (const item of items) {
    const [key = '', list = ''] = item.split('=', 2);
    const values = list.split(',').filter((s) => s.trim() !== '').map(Number);
    if (key === 'p' || key === 'probability') out['probability'] = values[0] ?? Number.NaN;
    else if (names[key] !== undefined && values.length > 0 && values.every(Number.isFinite)) out[names[key]] = values;
    else throw new InvalidOptionError('augment_arg', `--augment ${item}: expected speed=..., pitch=..., reverb=..., noise=... or p=...`, { hint: 'Example: --augment speed=0.9,1.1 --augment noise=20,10' });
  }
  const options = out as AugmentOptions;
  validateAugment(options);
  return options;
}
