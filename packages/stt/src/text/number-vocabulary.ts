/**
 * Word tables of Whisper's `EnglishNumberNormalizer`: spelled numbers, their plural/ordinal forms,
 * multipliers, currency and sign words. Values are `bigint` because multipliers reach 10^33.
 */

/** A number word's value and the suffix it leaves on the digits: `fifth` -> [5, 'th'], `sixes` -> [6, 's']. */
export type Suffixed = readonly [value: bigint, suffix: string];

const ONE_NAMES = [
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
] as const;
const TEN_NAMES = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const MULTIPLIER_NAMES = [
  'hundred', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion',
  'sextillion', 'septillion', 'octillion', 'nonillion', 'decillion',
] as const;

/** `o`, `oh`, `zero`. */
export const ZEROS: ReadonlySet<string> = new Set(['o', 'oh', 'zero']);

/** `one` -> 1 ... `nineteen` -> 19. */
export const ONES: ReadonlyMap<string, bigint> = new Map(ONE_NAMES.map((name, i) => [name, BigInt(i + 1)]));

function onesSuffixed(): Map<string, Suffixed> {
  const out = new Map<string, Suffixed>();
  for (const [name, value] of ONES) out.set(name === 'six' ? 'sixes' : `${name}s`, [value, 's']);
  const irregular: readonly (readonly [string, number, string])[] = [
    ['zeroth', 0, 'th'], ['first', 1, 'st'], ['second', 2, 'nd'], ['third', 3, 'rd'], ['fifth', 5, 'th'], ['twelfth', 12, 'th'],
  ];
  for (const [name, value, suffix] of irregular) out.set(name, [BigInt(value), suffix]);
  for (const [name, value] of ONES) {
    if (value > 3n && value !== 5n && value !== 12n) out.set(name + (name.endsWith('t') ? 'h' : 'th'), [value, 'th']);
  }
  return out;
}

/** Plural and ordinal forms of the ones: `sixes` -> [6, 's'], `third` -> [3, 'rd']. */
export const ONES_SUFFIXED: ReadonlyMap<string, Suffixed> = onesSuffixed();

/** `twenty` -> 20 ... `ninety` -> 90. */
export const TENS: ReadonlyMap<string, bigint> = new Map(TEN_NAMES.map((name, i) => [name, BigInt((i + 2) * 10)]));

/** `twenties` -> [20, 's'], `twentieth` -> [20, 'th']. */
export const TENS_SUFFIXED: ReadonlyMap<string, Suffixed> = new Map([
  ...[...TENS].map(([name, value]): [string, Suffixed] => [name.replaceAll('y', 'ies'), [value, 's']]),
  ...[...TENS].map(([name, value]): [string, Suffixed] => [name.replaceAll('y', 'ieth'), [value, 'th']]),
]);

/** `hundred` -> 100, `thousand` -> 1000, then powers of 1000 up to `decillion` (10^33). */
export const MULTIPLIERS: ReadonlyMap<string, bigint> = new Map(
  MULTIPLIER_NAMES.map((name, i) => [name, i === 0 ? 100n : 1000n ** BigInt(i)]),
);

/** `millions` -> [10^6, 's'], `millionth` -> [10^6, 'th']. */
export const MULTIPLIERS_SUFFIXED: ReadonlyMap<string, Suffixed> = new Map([
  ...[...MULTIPLIERS].map(([name, value]): [string, Suffixed] => [`${name}s`, [value, 's']]),
  ...[...MULTIPLIERS].map(([name, value]): [string, Suffixed] => [`${name}th`, [value, 'th']]),
]);

/** Words that can follow `point`: the ones, the tens and the zeros. */
export const DECIMALS: ReadonlySet<string> = new Set([...ONES.keys(), ...TENS.keys(), ...ZEROS]);

/** Sign words written before the number: `minus five` -> `-5`. */
export const PRECEDING_PREFIXERS: ReadonlyMap<string, string> = new Map([
  ['minus', '-'], ['negative', '-'], ['plus', '+'], ['positive', '+'],
]);

/** Currency words written after the number but placed before it: `five dollars` -> `$5`. */
export const FOLLOWING_PREFIXERS: ReadonlyMap<string, string> = new Map([
  ['pound', '£'], ['pounds', '£'], ['euro', '€'], ['euros', '€'], ['dollar', '$'], ['dollars', '$'], ['cent', '¢'], ['cents', '¢'],
]);

/** Characters a numeric token may start with. */
export const PREFIXES: ReadonlySet<string> = new Set([...PRECEDING_PREFIXERS.values(), ...FOLLOWING_PREFIXERS.values()]);

/** `percent` -> `%`; `per` -> `%` only when followed by `cent`. */
export const PERCENT_WORD = 'percent';
export const PER_WORD = 'per';
export const PER_FOLLOWER = 'cent';
export const PERCENT_SIGN = '%';

/** Words handled by context: `and`, `double`, `triple`, `point`. */
export const SPECIALS: ReadonlySet<string> = new Set(['and', 'double', 'triple', 'point']);

/** Every word the number normaliser treats as (part of) a number. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...ZEROS, ...ONES.keys(), ...ONES_SUFFIXED.keys(), ...TENS.keys(), ...TENS_SUFFIXED.keys(),
  ...MULTIPLIERS.keys(), ...MULTIPLIERS_SUFFIXED.keys(), ...PRECEDING_PREFIXERS.keys(),
  ...FOLLOWING_PREFIXERS.keys(), PER_WORD, PERCENT_WORD, ...SPECIALS,
]);
