/**
 * The agent, end to end (the only place that joins `@cephalon/stt` and `@cephalon/eidolon`): audio → the
 * transcription stream (in lockstep behind `pacedSource`) → utterances (utterances.ts) → one scored text event each
 * → the Cephalon loop, ticked in audio time → speak decisions → words (narrator.ts) → JSONL records and, optionally,
 * espeak-ng.
 *
 * Time: the loop ticks every `tickSec` of *audio*; tick T runs once the stream has processed audio up to
 * T + `lookaheadSec` (the VAD's detection delay: a speech start is reported about min-speech + padding after the
 * region's start), so any speech region overlapping [T, T + lookahead] is known and holds speaking back
 * (`speechInProgress`: the loop logs `stay-silent` with reason `speech-in-progress` and its terms). An utterance
 * enters the field at the first tick T at or after the audio time at which it closed (`heardAtSec`). The loop clock is `clockBase + 1000 T` with `clockBase` the
 * wall clock at start (never before the persisted heartbeat), so downtime between runs is real time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CephalonLoop, createLexiconScorer, DEFAULT_LOOP_PARAMS, loadState } from '@cephalon/eidolon';
import type { LoopEvent, LoopState, ScoredEvent, Scorer, Thought } from '@cephalon/eidolon';
import type { PcmChunk, PcmFormat, StreamEvent, StreamOptions, Transcriber } from '@cephalon/stt';
import { mergeLoopParams } from './loop-params.js';
import { loopText, NarratorError } from './narrator.js';
import type { Narrator } from './narrator.js';
import { pacedSource } from './paced-source.js';
import type { AgentRecord } from './records.js';
import { speakerFor } from './script.js';
import type { ScriptTurn } from './script.js';
import { UtteranceTracker } from './utterances.js';
import type { HeardUtterance } from './utterances.js';
import type { Voice } from './voice.js';

/** Default decision lookahead [s]: Silero's 250 ms minimum speech + 100 ms padding + frames, rounded up. */
export const DEFAULT_LOOKAHEAD_SEC = 0.5;
/** The state file inside `--state DIR`. */
export const STATE_FILE = 'agent-state.json';

export interface AgentSource {
  readonly chunks: AsyncIterable<PcmChunk>;
  /** Layout of byte chunks; undefined for Float32 16 kHz chunks. */
  readonly pcm?: PcmFormat;
  /** A live source (microphone, stdin, a paced file): read ahead and merged; false: chunk by chunk. */
  readonly live: boolean;
}

export interface AgentOptions {
  readonly transcriber: Pick<Transcriber, 'stream'>;
  readonly source: AgentSource;
  /** Stream options (VAD, policy, language); `lockstep`, `input` and `signal` are set by the agent. */
  readonly stream?: StreamOptions;
  readonly seed: number;
  /** Default speaker of every utterance (single source). */
  readonly speaker: string;
  /** Speaker labels by time (a scripted conversation's sidecar). */
  readonly script?: readonly ScriptTurn[];
  /** Folder of the persisted state; omitted: nothing persists. */
  readonly stateDir?: string;
  /** Loop-parameter overrides (JSON), deep-merged one level into the defaults. */
  readonly loopParams?: Record<string, unknown>;
  readonly scorer?: Scorer;
  readonly narrator?: Narrator;
  readonly voice?: Voice;
  readonly lookaheadSec?: number;
  /** Wall clock [ms since the epoch] (default Date.now). */
  readonly wallClock?: () => number;
  readonly signal?: AbortSignal;
  /** Every record, in order (the event log). */
  readonly onRecord: (record: AgentRecord) => void;
}

export interface AgentSummary {
  readonly ticks: number;
  readonly utterances: number;
  readonly speaks: number;
  readonly hash: string;
  readonly audioSec: number;
  readonly aborted: boolean;
}

const loopRecord = (e: LoopEvent, tSec: number): AgentRecord => ({ type: e.kind, tSec, ...e }) as AgentRecord;

/**
 * Runs the agent until the source ends or `signal` aborts.
 * @example await runAgent({ transcriber, source: { chunks, live: false }, seed: 1, speaker: 'ada', onRecord: (r) => console.log(JSON.stringify(r)) });
 */
export async function runAgent(o: AgentOptions): Promise<AgentSummary> {
  const overrides = o.loopParams ?? {};
  const params = mergeLoopParams(overrides);
  const tickSec = params.tickSec ?? DEFAULT_LOOP_PARAMS.tickSec;
  const agentName = params.agentName ?? DEFAULT_LOOP_PARAMS.agentName;
  const lookahead = o.lookaheadSec ?? DEFAULT_LOOKAHEAD_SEC;
  let storePath: string | undefined;
  if (o.stateDir !== undefined) {
    mkdirSync(o.stateDir, { recursive: true });
    storePath = join(o.stateDir, STATE_FILE);
  }
  const stored = storePath === undefined ? null : (loadState(storePath) as LoopState | null);
  const clockBase = Math.max((o.wallClock ?? Date.now)(), stored?.heartbeatMs ?? 0);
  let clockMs = clockBase;
  o.onRecord({ type: 'open', seed: o.seed, agentName, clockMs, state: stored, loopParams: overrides, tickSec, lookaheadSec: lookahead });
  const opened = CephalonLoop.open({ seed: o.seed, clock: () => clockMs, ...(storePath === undefined ? {} : { storePath }), params });
  const loop = opened.loop;
  for (const e of opened.events) o.onRecord(loopRecord(e, 0));

  const scorer = o.scorer ?? createLexiconScorer();
  const tracker = new UtteranceTracker();
  const pending: HeardUtterance[] = [];
  const heard: { speaker: string; text: string }[] = [];
  const sayings: Promise<void>[] = [];
  let nextTick = 1;
  let utterances = 0;
  let speaks = 0;

  const speakerOf = (u: HeardUtterance): string => speakerFor(o.script ?? [], u.startSec, u.endSec, o.speaker);

  const say = async (thought: Thought, tick: number, tSec: number): Promise<void> => {
    let text = loopText(thought);
    let source: 'loop' | 'llm' | 'loop-fallback' = 'loop';
    let reason: string | undefined;
    if (o.narrator !== undefined) {
      try {
        text = await o.narrator.narrate(thought, { agentName, drives: loop.state().drives, heard: heard.slice(-6) });
        source = 'llm';
      } catch (error) {
        source = 'loop-fallback';
        reason = error instanceof NarratorError ? `${error.reason}: ${error.message}` : String(error);
      }
    }
    o.onRecord({ type: 'say', tick, tSec, thoughtId: thought.id, text, source, ...(reason === undefined ? {} : { reason }) });
    await o.voice?.say(text);
  };

  const runTick = async (): Promise<void> => {
    const tSec = nextTick * tickSec;
    nextTick++;
    const inputs: (ScoredEvent & { utterance: number })[] = [];
    // An utterance enters at the first tick at or after the moment it was heard (its speech end was confirmed), even
    // when a slow decode makes several ticks run at once.
    const due = pending.filter((u) => u.heardAtSec <= tSec);
    pending.splice(0, due.length);
    for (const u of due) {
      const speaker = speakerOf(u);
      const s = await scorer.score(u.text);
      inputs.push({ event: { timestampSec: tSec, modality: 'text', content: u.text, speaker }, score: { affect: Array.from(s.affect), confidence: s.confidence * u.confidence, source: s.source }, utterance: u.index });
      heard.push({ speaker, text: u.text });
    }
    const speechInProgress = tracker.speechBetween(tSec, tSec + lookahead);
    clockMs = clockBase + Math.round(tSec * 1000);
    const events = loop.tick(inputs.map(({ event, score }) => ({ event, score })), { speechInProgress });
    o.onRecord({ type: 'tick', tick: loop.tickCount, tSec, clockMs, speechInProgress, inputs, hash: loop.worldHash() });
    for (const e of events) {
      o.onRecord(loopRecord(e, tSec));
      if (e.kind === 'speak') {
        speaks++;
        sayings.push(say(e.thought, e.tick, tSec));
      }
    }
  };

  const onStream = (e: StreamEvent): void => {
    for (const u of tracker.push(e)) {
      if (u.kind === 'speech-start') o.onRecord({ type: 'speech-start', startSec: u.region.startSec, audioSec: u.audioSec });
      else if (u.kind === 'speech-end') o.onRecord({ type: 'speech-end', startSec: u.region.startSec, endSec: u.region.endSec ?? u.audioSec, audioSec: u.audioSec });
      else {
        const x = u.utterance;
        utterances++;
        pending.push(x);
        o.onRecord({ type: 'utterance', index: x.index, speaker: speakerOf(x), text: x.text, startSec: x.startSec, endSec: x.endSec, words: x.words, asrConfidence: x.confidence, heardAtSec: x.heardAtSec });
      }
    }
  };

  const chunks = pacedSource(o.source.chunks, {
    pcm: o.source.pcm,
    live: o.source.live,
    ...(o.signal === undefined ? {} : { signal: o.signal }),
    onProcessed: async (processed) => {
      while (nextTick * tickSec + lookahead <= processed) await runTick();
    },
  });
  let audioSec = 0;
  let aborted = false;
  for await (const e of o.transcriber.stream(chunks, {
    ...o.stream,
    lockstep: true,
    ...(o.source.pcm === undefined ? {} : { input: { pcm: o.source.pcm } }),
    ...(o.signal === undefined ? {} : { signal: o.signal }),
  })) {
    onStream(e);
    if (e.type === 'final') {
      audioSec = e.audioSec;
      aborted = e.aborted;
    }
  }
  // The stream has ended: every region is closed; tick to the end of the audio (after an abort: only as far as
  // needed to feed the utterances the stream committed when it stopped, so none is lost).
  while ((!aborted && nextTick * tickSec <= audioSec) || pending.length > 0) await runTick();
  await Promise.all(sayings);
  await o.voice?.drain();
  const summary: AgentSummary = { ticks: loop.tickCount, utterances, speaks, hash: loop.worldHash(), audioSec, aborted };
  o.onRecord({ type: 'end', ticks: summary.ticks, hash: summary.hash, audioSec, aborted, utterances });
  return summary;
}
