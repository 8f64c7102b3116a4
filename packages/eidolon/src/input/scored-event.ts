/** Events with their scores attached: what the world is driven by, and what a trajectory records. */
import type { InputEvent } from './events.js';
import type { Scorer } from './scorer.js';

/** A score as plain JSON (recorded so that a replay does not need the scorer). */
export interface RecordedScore {
  readonly affect: readonly number[];
  readonly confidence: number;
  readonly source: string;
}

export interface ScoredEvent {
  readonly event: InputEvent;
  /** Present for text events; null for the other modalities. */
  readonly score: RecordedScore | null;
}

/**
 * Scores every text event in order (one request at a time, so an LLM sees the log's order).
 * @example const scored = await scoreEvents(parseEventLog(text), createLexiconScorer());
 */
export async function scoreEvents(events: readonly InputEvent[], scorer: Scorer, onProgress?: (done: number, total: number) => void): Promise<ScoredEvent[]> {
  const out: ScoredEvent[] = [];
  for (const event of events) {
    if (event.modality === 'text') {
      const s = await scorer.score(event.content);
      out.push({ event, score: { affect: Array.from(s.affect), confidence: s.confidence, source: s.source } });
    } else {
      out.push({ event, score: null });
    }
    onProgress?.(out.length, events.length);
  }
  return out;
}
