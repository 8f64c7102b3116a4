/**
 * Deterministic replay of an agent's event log: a fresh loop (or the persisted state recorded in `open`) is fed
 * the recorded inputs, speech flags and clock of every tick; the world hash must match the recorded one after
 * every tick. Needs neither audio nor a model nor a scorer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CephalonLoop, saveState } from '@cephalon/eidolon';
import { InvalidOptionError } from '@cephalon/stt';
import { mergeLoopParams } from './loop-params.js';
import type { AgentRecord } from './records.js';

export interface ReplayResult {
  readonly ticks: number;
  /** Hash after the last replayed tick, and the one recorded there. */
  readonly hash: string;
  readonly recordedHash: string;
  /** The first tick whose hash differs, or null. */
  readonly firstMismatch: number | null;
  /** Speak decisions replayed, and recorded. */
  readonly speaks: number;
  readonly recordedSpeaks: number;
}

/** Parses an event log (JSONL); `source` names it in errors. */
export function parseAgentLog(text: string, source = 'log'): AgentRecord[] {
  const out: AgentRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as AgentRecord);
    } catch {
      throw new InvalidOptionError('INVALID_OPTION', `${source}:${i + 1}: not valid JSON`, { hint: 'an agent event log (cephalon agent --log FILE)', details: { path: source, line: i + 1 } });
    }
  });
  return out;
}

/** Splits a log into runs: each starts at an `open` record (a restarted agent appends to the same log). */
function runsOf(records: readonly AgentRecord[]): AgentRecord[][] {
  const runs: AgentRecord[][] = [];
  for (const r of records) {
    if (r.type === 'open') runs.push([r]);
    else runs[runs.length - 1]?.push(r);
  }
  return runs;
}

/** Replays every run of the log from its own `open` record; hashes are compared after every tick. */
export function replayAgentLog(records: readonly AgentRecord[]): ReplayResult {
  const runs = runsOf(records);
  if (runs.length === 0) throw new InvalidOptionError('INVALID_OPTION', 'the event log has no open record', { hint: 'replay a log written by cephalon agent --log FILE', details: { option: 'log' } });
  let result: ReplayResult | null = null;
  for (const run of runs) {
    const r = replayRun(run);
    result = result === null ? r : { ticks: result.ticks + r.ticks, hash: r.hash, recordedHash: r.recordedHash, firstMismatch: result.firstMismatch ?? r.firstMismatch, speaks: result.speaks + r.speaks, recordedSpeaks: result.recordedSpeaks + r.recordedSpeaks };
  }
  return result as ReplayResult;
}

function replayRun(records: readonly AgentRecord[]): ReplayResult {
  const open = records[0] as Extract<AgentRecord, { type: 'open' }>;
  let clockMs = open.clockMs;
  let dir: string | undefined;
  try {
    let storePath: string | undefined;
    if (open.state !== null) {
      dir = mkdtempSync(join(tmpdir(), 'cephalon-agent-replay-'));
      storePath = join(dir, 'state.json');
      saveState(storePath, open.state);
    }
    const { loop } = CephalonLoop.open({ seed: open.seed, clock: () => clockMs, ...(storePath === undefined ? {} : { storePath }), params: mergeLoopParams(open.loopParams) });
    let ticks = 0;
    let hash = loop.worldHash();
    let recordedHash = hash;
    let firstMismatch: number | null = null;
    let speaks = 0;
    for (const r of records) {
      if (r.type !== 'tick') continue;
      clockMs = r.clockMs;
      const events = loop.tick(r.inputs.map(({ event, score }) => ({ event, score })), { speechInProgress: r.speechInProgress });
      speaks += events.filter((e) => e.kind === 'speak').length;
      ticks++;
      hash = loop.worldHash();
      recordedHash = r.hash;
      if (hash !== r.hash && firstMismatch === null) firstMismatch = r.tick;
    }
    return { ticks, hash, recordedHash, firstMismatch, speaks, recordedSpeaks: records.filter((r) => r.type === 'speak').length };
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}
