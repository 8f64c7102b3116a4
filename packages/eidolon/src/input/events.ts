/**
 * Input events (spec A12.1): I_k = (timestamp, modality, content), one JSON object per line (JSONL).
 *   {"timestamp": 1.5, "modality": "text", "content": "You are brilliant", "speaker": "ada"}
 *   {"timestamp": 2.0, "modality": "audio", "content": {"amplitude": 0.4, "frequencyHz": 2}}
 *   {"timestamp": 3.0, "modality": "image", "content": {"entropy": 0.7}}
 *   {"timestamp": 4.0, "modality": "world", "content": {"kind": "damage", "intensity": -0.5}}
 * World kinds 'voice-join' / 'voice-leave' (with a speaker) tell the agent loop who is in the voice room.
 */
import { InputEventError } from './errors.js';

export const MODALITIES = ['text', 'audio', 'image', 'world'] as const;
export type Modality = (typeof MODALITIES)[number];

export interface AudioContent {
  /** Rhythm amplitude in [0, 1]. */
  readonly amplitude: number;
  readonly frequencyHz: number;
}
export interface ImageContent {
  /** Normalised image entropy in [0, 1] (how much "mass" the picture injects). */
  readonly entropy: number;
}
export interface WorldContent {
  readonly kind: string;
  /** Signed strength in [-1, 1] (damage < 0 < food). */
  readonly intensity: number;
}

/** One input event; timestamps are simulated seconds since the start of the log. */
export type InputEvent =
  | { readonly timestampSec: number; readonly modality: 'text'; readonly content: string; readonly speaker: string }
  | { readonly timestampSec: number; readonly modality: 'audio'; readonly content: AudioContent; readonly speaker: string }
  | { readonly timestampSec: number; readonly modality: 'image'; readonly content: ImageContent; readonly speaker: string }
  | { readonly timestampSec: number; readonly modality: 'world'; readonly content: WorldContent; readonly speaker: string };

/** Speaker name used when an event has none. */
export const ANONYMOUS = 'anonymous';

function finiteIn(obj: Record<string, unknown>, key: string, lo: number, hi: number, where: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) throw new InputEventError(`${where}: content.${key} must be a number in [${lo}, ${hi}]`);
  return v;
}

/** Validates one parsed JSON value as an event; `where` names the line for the message. */
export function toInputEvent(value: unknown, where = 'event'): InputEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputEventError(`${where}: not a JSON object`);
  const o = value as Record<string, unknown>;
  const t = o['timestamp'];
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw new InputEventError(`${where}: timestamp must be a number of seconds >= 0`);
  const speaker = o['speaker'] === undefined ? ANONYMOUS : o['speaker'];
  if (typeof speaker !== 'string' || speaker === '') throw new InputEventError(`${where}: speaker must be a non-empty string`);
  const c = o['content'];
  const modality = o['modality'];
  if (!(MODALITIES as readonly unknown[]).includes(modality)) throw new InputEventError(`${where}: modality must be one of ${MODALITIES.join(', ')}`, { modality: String(modality) });
  if (modality === 'text') {
    if (typeof c !== 'string') throw new InputEventError(`${where}: text content must be a string`);
    return { timestampSec: t, modality, content: c, speaker };
  }
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new InputEventError(`${where}: ${String(modality)} content must be a JSON object`);
  const obj = c as Record<string, unknown>;
  if (modality === 'audio') return { timestampSec: t, modality, speaker, content: { amplitude: finiteIn(obj, 'amplitude', 0, 1, where), frequencyHz: finiteIn(obj, 'frequencyHz', 0, 1e6, where) } };
  if (modality === 'image') return { timestampSec: t, modality, speaker, content: { entropy: finiteIn(obj, 'entropy', 0, 1, where) } };
  if (typeof obj['kind'] !== 'string') throw new InputEventError(`${where}: world content.kind must be a string`);
  return { timestampSec: t, modality: 'world', speaker, content: { kind: obj['kind'], intensity: obj['intensity'] === undefined ? 0 : finiteIn(obj, 'intensity', -1, 1, where) } };
}

/**
 * Parses a JSONL event log (blank lines skipped) and sorts it stably by timestamp (spec A12.1.2).
 * @example parseEventLog('{"timestamp":0,"modality":"text","content":"hi"}\n')
 */
export function parseEventLog(text: string, source = 'events'): InputEvent[] {
  const events: InputEvent[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputEventError(`${source}:${i + 1}: not valid JSON`, { line: i + 1 });
    }
    events.push(toInputEvent(value, `${source}:${i + 1}`));
  });
  return events.map((e, i) => [e, i] as const).sort((a, b) => a[0].timestampSec - b[0].timestampSec || a[1] - b[1]).map(([e]) => e);
}

/** The inverse of toInputEvent (one JSONL line, without newline). */
export function formatEvent(e: InputEvent): string {
  return JSON.stringify({ timestamp: e.timestampSec, modality: e.modality, content: e.content, speaker: e.speaker });
}
