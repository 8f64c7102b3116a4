/**
 * The agent's event log: one JSON object per line, each with a `type`. `tSec`/`audioSec` are stream seconds (audio
 * time), `clockMs` the loop clock. The `open` and `tick` records hold everything a replay needs (see replay.ts);
 * the others are what happened, for people and checks. Documented in docs/agent.md.
 */
import type { LoopEvent, LoopState, ScoredEvent } from '@cephalon/eidolon';

/** A loop event as a record: its `kind` repeated as `type`, with the tick's audio time. */
export type LoopRecord = { [K in LoopEvent['kind']]: Extract<LoopEvent, { kind: K }> & { readonly type: K; readonly tSec: number } }[LoopEvent['kind']];

export type AgentRecord =
  | {
      readonly type: 'open';
      readonly seed: number;
      readonly agentName: string;
      readonly clockMs: number;
      /** The persisted state as loaded, before the wake-up (null for a new agent). */
      readonly state: LoopState | null;
      /** The loop-parameter overrides given (deep-merged one level into the defaults). */
      readonly loopParams: Record<string, unknown>;
      readonly tickSec: number;
      readonly lookaheadSec: number;
    }
  | { readonly type: 'speech-start'; readonly startSec: number; readonly audioSec: number }
  | { readonly type: 'speech-end'; readonly startSec: number; readonly endSec: number; readonly audioSec: number }
  | {
      readonly type: 'utterance';
      readonly index: number;
      readonly speaker: string;
      /** '' when the decoder made out no words in the region (it still enters the field). */
      readonly text: string;
      readonly startSec: number;
      readonly endSec: number;
      readonly words: number;
      /** exp(mean log word probability) of the transcription. */
      readonly asrConfidence: number;
      readonly heardAtSec: number;
    }
  | {
      readonly type: 'tick';
      readonly tick: number;
      readonly tSec: number;
      readonly clockMs: number;
      /** A speech region overlapped [tSec, tSec + lookahead]: speaking was held back. */
      readonly speechInProgress: boolean;
      /** The scored input events applied at this tick, each with the index of its utterance. */
      readonly inputs: readonly (ScoredEvent & { readonly utterance: number })[];
      /** The world's state hash after the tick. */
      readonly hash: string;
    }
  | LoopRecord
  | {
      readonly type: 'say';
      readonly tick: number;
      readonly tSec: number;
      readonly thoughtId: number;
      readonly text: string;
      /** 'loop': the loop's own text; 'llm': the endpoint's words; 'loop-fallback': the endpoint failed (reason). */
      readonly source: 'loop' | 'llm' | 'loop-fallback';
      readonly reason?: string;
    }
  | { readonly type: 'end'; readonly ticks: number; readonly hash: string; readonly audioSec: number; readonly aborted: boolean; readonly utterances: number };

export type AgentRecordType = AgentRecord['type'];
