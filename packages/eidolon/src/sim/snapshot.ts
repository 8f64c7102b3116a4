/**
 * Plain-JSON snapshots. Float64 values round-trip exactly through JSON (shortest round-trip
 * formatting); the only non-finite values (Infinity defaults, expired spring times) are written
 * as the strings "Infinity", "-Infinity", "NaN" and read back.
 */
import type { FieldState } from '../fields/types.js';
import type { WorldParams } from '../state/params.js';

export const SNAPSHOT_VERSION = 1;

/** JSON value type (what a snapshot is made of). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface WorldSnapshot {
  readonly version: number;
  readonly seed: number | string;
  /** Parameters with non-finite numbers encoded as strings. */
  readonly params: JsonValue;
  readonly timeSec: number;
  readonly step: number;
  readonly dtSec: number;
  readonly agentCount: number;
  /** Each agent array (per-axis ones [count * dims]), non-finite values as strings. */
  readonly agents: Readonly<Record<string, readonly (number | string)[]>>;
  readonly languageOn: readonly number[];
  readonly potentials: readonly number[];
  readonly forcesFresh: boolean;
  readonly random: Readonly<Record<string, readonly number[]>>;
  readonly fields: readonly FieldState[];
  readonly ledger: readonly number[];
  /** Drive-level circuit state (Circuits.toArrays, non-finite values as strings); absent with the field model. */
  readonly circuits?: readonly (readonly (number | string)[])[];
  /** Space mechanisms' state (trails, particles, collision counters); only when one is on. */
  readonly space?: readonly (number | string)[];
}

/** Replaces non-finite numbers by strings, recursively. */
export function encodeJson(value: unknown): JsonValue {
  if (typeof value === 'number') {
    // JSON has no -0 (JSON.stringify(-0) is "0"), so it travels as a string like the non-finite values.
    if (Object.is(value, -0)) return '-0';
    return Number.isFinite(value) ? value : String(value);
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(encodeJson);
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array, encodeJson);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = encodeJson(v);
    return out;
  }
  return null;
}

const NON_FINITE: Readonly<Record<string, number>> = { Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, NaN: Number.NaN, '-0': -0 };

/** Inverse of encodeJson for values that were numbers. */
export function decodeNumber(x: number | string): number {
  return typeof x === 'number' ? x : (NON_FINITE[x] ?? Number.NaN);
}

/** Decodes parameters written by encodeJson (strings "Infinity" etc. back to numbers). */
export function decodeParams(value: JsonValue): WorldParams {
  return decodeDeep(value) as WorldParams;
}

function decodeDeep(value: JsonValue): unknown {
  if (typeof value === 'string') return value in NON_FINITE ? NON_FINITE[value] : value;
  if (Array.isArray(value)) return value.map((v: JsonValue) => decodeDeep(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeDeep(v as JsonValue);
    return out;
  }
  return value;
}
