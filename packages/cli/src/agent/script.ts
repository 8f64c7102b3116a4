/**
 * The sidecar script of a scripted conversation (`--script FILE`): one JSON object per line, one per turn,
 *   {"speaker": "ada", "startSec": 0.5, "endSec": 2.1, "text": "...", "voice": "en+f2"}
 * (times in seconds of the audio file; `text` and `voice` are informational). No diarisation is done: an utterance
 * gets the speaker of the script turn it overlaps most, or the default speaker when it overlaps none.
 */
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '@cephalon/stt';

export interface ScriptTurn {
  readonly speaker: string;
  readonly startSec: number;
  readonly endSec: number;
  readonly text?: string;
  readonly voice?: string;
}

function bad(path: string, line: number, what: string): never {
  throw new InvalidOptionError('INVALID_OPTION', `script ${path}:${line}: ${what}`, {
    hint: 'each line: {"speaker": "ada", "startSec": 0.5, "endSec": 2.1} (see docs/agent.md)',
    details: { option: 'script', path, line },
  });
}

/** Parses a script's text; `path` names it in errors. */
export function parseScript(text: string, path: string): ScriptTurn[] {
  const turns: ScriptTurn[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      bad(path, i + 1, 'not valid JSON');
    }
    const o = v as Record<string, unknown> | null;
    if (o === null || typeof o !== 'object' || Array.isArray(o)) bad(path, i + 1, 'not a JSON object');
    const { speaker, startSec, endSec } = o;
    if (typeof speaker !== 'string' || speaker === '') bad(path, i + 1, 'speaker must be a non-empty string');
    if (typeof startSec !== 'number' || typeof endSec !== 'number' || !(startSec >= 0) || !(endSec > startSec)) bad(path, i + 1, 'startSec and endSec must be numbers with 0 <= startSec < endSec');
    turns.push({
      speaker,
      startSec,
      endSec,
      ...(typeof o['text'] === 'string' ? { text: o['text'] } : {}),
      ...(typeof o['voice'] === 'string' ? { voice: o['voice'] } : {}),
    });
  });
  return turns.sort((a, b) => a.startSec - b.startSec);
}

export function readScript(path: string): ScriptTurn[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new InvalidOptionError('INVALID_OPTION', `script ${path} cannot be read: ${(cause as Error).message}`, { hint: 'check the --script path', details: { option: 'script', path } });
  }
  return parseScript(text, path);
}

/** The speaker of the turn overlapping [startSec, endSec] most; `fallback` when none overlaps. */
export function speakerFor(turns: readonly ScriptTurn[], startSec: number, endSec: number, fallback: string): string {
  let best = fallback;
  let most = 0;
  for (const t of turns) {
    const overlap = Math.min(endSec, t.endSec) - Math.max(startSec, t.startSec);
    if (overlap > most) {
      most = overlap;
      best = t.speaker;
    }
  }
  return best;
}
