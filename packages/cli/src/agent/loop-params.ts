/** Loop-parameter overrides (`--loop-params FILE`): JSON deep-merged one level into the loop's defaults. */
import { readFileSync } from 'node:fs';
import { DEFAULT_LOOP_PARAMS } from '@cephalon/eidolon';
import type { LoopParams } from '@cephalon/eidolon';
import { InvalidOptionError } from '@cephalon/stt';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `{ policy: { threshold: 0 } }` keeps the other policy defaults (LoopParams' own spread is shallow). */
export function mergeLoopParams(overrides: Record<string, unknown>): Partial<LoopParams> {
  const out: Record<string, unknown> = {};
  const defaults = DEFAULT_LOOP_PARAMS as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in defaults)) {
      throw new InvalidOptionError('INVALID_OPTION', `loop parameters: unknown key '${key}'`, { hint: `known keys: ${Object.keys(defaults).join(', ')} (see docs/eidolon-loop.md)`, details: { option: 'loop-params', key } });
    }
    const base = defaults[key];
    out[key] = isObject(base) && isObject(value) ? { ...base, ...value } : value;
  }
  return out as Partial<LoopParams>;
}

export function readLoopParams(path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new InvalidOptionError('INVALID_OPTION', `loop parameters ${path}: ${(cause as Error).message}`, { hint: 'a JSON object such as {"policy": {"threshold": 0.1}}', details: { option: 'loop-params', path } });
  }
  if (!isObject(value)) throw new InvalidOptionError('INVALID_OPTION', `loop parameters ${path}: not a JSON object`, { hint: 'e.g. {"policy": {"threshold": 0.1}}', details: { option: 'loop-params', path } });
  mergeLoopParams(value);
  return value;
}
