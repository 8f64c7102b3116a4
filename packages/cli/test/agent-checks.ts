/**
 * Checks of an agent event log against the script of the conversation it heard (shared by the fast test and
 * `npm run acceptance:agent`): each turn entered the field exactly once, no speak decision inside a speech region,
 * decisions carry their terms, and a replay of the log gives the same state hash.
 */
import { replayAgentLog } from '../src/agent/index.js';
import type { AgentRecord, ScriptTurn } from '../src/agent/index.js';

export interface CheckRow {
  readonly check: string;
  readonly value: string;
  readonly ok: boolean;
}

type Rec<T extends AgentRecord['type']> = Extract<AgentRecord, { type: T }>;
const ofType = <T extends AgentRecord['type']>(records: readonly AgentRecord[], type: T): Rec<T>[] => records.filter((r): r is Rec<T> => r.type === type);
const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => Math.min(a1, b1) > Math.max(a0, b0);

export interface CheckOptions {
  /** Require at least one decision held back by speech in progress (the interruption attempt). */
  readonly requireSuppression: boolean;
}

export function checkAgentLog(records: readonly AgentRecord[], turns: readonly ScriptTurn[], o: CheckOptions): CheckRow[] {
  const rows: CheckRow[] = [];
  const utterances = ofType(records, 'utterance');
  const ticks = ofType(records, 'tick');
  const regions = ofType(records, 'speech-end');
  const speaks = ofType(records, 'speak');
  const holds = ofType(records, 'stay-silent').filter((r) => r.reason === 'speech-in-progress');

  const perTurn = turns.map((t) => utterances.filter((u) => overlaps(u.startSec, u.endSec, t.startSec, t.endSec)).length);
  rows.push({ check: 'turns heard as exactly one utterance', value: `${perTurn.filter((n) => n === 1).length}/${turns.length} (per turn: ${perTurn.join(' ')}; without words ${utterances.filter((u) => u.words === 0).length})`, ok: perTurn.every((n) => n === 1) });
  const phantoms = utterances.filter((u) => !turns.some((t) => overlaps(u.startSec, u.endSec, t.startSec, t.endSec)));
  rows.push({ check: 'utterances outside every turn', value: String(phantoms.length), ok: phantoms.length === 0 });

  const entered = new Map<number, number[]>();
  for (const t of ticks) for (const i of t.inputs) entered.set(i.utterance, [...(entered.get(i.utterance) ?? []), t.tSec]);
  const once = utterances.filter((u) => entered.get(u.index)?.length === 1).length;
  const unknown = [...entered.keys()].filter((i) => !utterances.some((u) => u.index === i)).length;
  rows.push({ check: 'utterances entering the field exactly once', value: `${once}/${utterances.length}, unknown inputs ${unknown}`, ok: once === utterances.length && unknown === 0 && utterances.length > 0 });
  const delays = utterances.map((u) => (entered.get(u.index)?.[0] ?? Number.NaN) - u.endSec);
  const speakerOk = utterances.every((u) => turns.find((t) => overlaps(u.startSec, u.endSec, t.startSec, t.endSec))?.speaker === u.speaker);
  rows.push({ check: 'entered after the utterance ended (delay s, min/max)', value: delays.length === 0 ? '-' : `${Math.min(...delays).toFixed(2)} / ${Math.max(...delays).toFixed(2)}`, ok: delays.every((d) => d >= 0) });
  rows.push({ check: 'speaker labels from the script', value: speakerOk ? 'all match' : 'mismatch', ok: speakerOk });

  const termsOk = speaks.every((s) => Number.isFinite(s.terms.score) && s.terms.score > s.terms.threshold);
  rows.push({ check: 'speak decisions logged with their terms', value: `${speaks.length} (${speaks.map((s) => `t=${s.tSec} score ${s.terms.score.toFixed(3)}`).join(', ')})`, ok: speaks.length > 0 && termsOk });
  const inVad = speaks.filter((s) => regions.some((r) => s.tSec >= r.startSec && s.tSec <= r.endSec));
  const inTurn = speaks.filter((s) => turns.some((t) => s.tSec >= t.startSec && s.tSec <= t.endSec));
  rows.push({ check: 'speak decisions inside a VAD speech region / a scripted turn', value: `${inVad.length} / ${inTurn.length}`, ok: inVad.length === 0 && inTurn.length === 0 });
  const gaps = speaks.map((s) => Math.min(...turns.filter((t) => t.startSec > s.tSec).map((t) => t.startSec - s.tSec)));
  rows.push({ check: '(info) gap from a speak decision to the next turn (s, min)', value: gaps.length === 0 || !Number.isFinite(Math.min(...gaps)) ? 'none follows' : Math.min(...gaps).toFixed(2), ok: true });
  rows.push({ check: 'decisions held back: speech in progress', value: `${holds.length} (ticks at ${holds.map((h) => h.tSec).join(', ')})`, ok: !o.requireSuppression || holds.length > 0 });

  const replay = replayAgentLog(records);
  const end = ofType(records, 'end').at(-1);
  rows.push({ check: 'replay of the log: same state hash', value: `${replay.hash} vs ${end?.hash ?? '-'} (${replay.ticks} ticks, first mismatch ${replay.firstMismatch ?? 'none'}, speaks ${replay.speaks}/${replay.recordedSpeaks})`, ok: end !== undefined && replay.hash === end.hash && replay.firstMismatch === null && replay.speaks === replay.recordedSpeaks });
  return rows;
}

export function formatTable(rows: readonly CheckRow[]): string {
  const w = Math.max(...rows.map((r) => r.check.length));
  return rows.map((r) => `${r.ok ? 'ok  ' : 'FAIL'}  ${r.check.padEnd(w)}  ${r.value}`).join('\n');
}
