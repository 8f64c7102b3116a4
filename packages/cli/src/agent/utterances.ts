/**
 * Turns a transcription stream's events into utterances. **An utterance is the text committed between a VAD
 * `speech-start` and the following `speech-end`** (or the end of the stream, which closes an open region): every
 * commit inside the region belongs to it, whatever its reason (agreement, buffer limit, speech end). A region in
 * which nothing was committed (the decoder made out no words) is still an utterance, with empty text, 0 words and
 * confidence 0: someone spoke, and the agent must know it (no force comes of it; the loop counts it as a message).
 * Confidence is the geometric mean of the committed words' probabilities (each word's mean token probability, from
 * the decoder's token log-probs), i.e. exp(mean log p) over the words.
 */
import type { StreamEvent, StreamWord } from '@cephalon/stt';

/** A speech region the VAD reported; `endSec` undefined while it is open. */
export interface SpeechRegion {
  readonly startSec: number;
  endSec: number | undefined;
}

/** One closed utterance (stream seconds). */
export interface HeardUtterance {
  /** 1-based, in the order the utterances closed. */
  readonly index: number;
  readonly text: string;
  /** The VAD region (padding included). */
  readonly startSec: number;
  readonly endSec: number;
  readonly words: number;
  /** exp(mean log word probability) in [0, 1]; 1 when no word carried a probability. */
  readonly confidence: number;
  /** Audio received when the utterance closed. */
  readonly heardAtSec: number;
}

export type UtteranceUpdate =
  | { readonly kind: 'speech-start'; readonly region: SpeechRegion; readonly audioSec: number }
  | { readonly kind: 'speech-end'; readonly region: SpeechRegion; readonly audioSec: number }
  | { readonly kind: 'utterance'; readonly utterance: HeardUtterance };

/** exp(mean log p) of the words that carry a probability (1 when none does; 0 without words). */
export function utteranceConfidence(words: readonly StreamWord[]): number {
  if (words.length === 0) return 0;
  let sum = 0;
  let n = 0;
  for (const w of words) {
    if (w.probability === undefined) continue;
    sum += Math.log(Math.max(w.probability, 1e-12));
    n++;
  }
  return n === 0 ? 1 : Math.exp(sum / n);
}

/** Follows one stream; `push` every event in order. */
export class UtteranceTracker {
  private open: { region: SpeechRegion; words: StreamWord[] } | null = null;
  private readonly regions: SpeechRegion[] = [];
  private count = 0;

  /** Every region seen so far, in order (the open one last). */
  get speechRegions(): readonly SpeechRegion[] {
    return this.regions;
  }

  push(e: StreamEvent): UtteranceUpdate[] {
    const out: UtteranceUpdate[] = [];
    if (e.type === 'speech-start') {
      if (this.open !== null) out.push(...this.close(e.startSec, e.audioSec));
      const region: SpeechRegion = { startSec: e.startSec, endSec: undefined };
      this.regions.push(region);
      this.open = { region, words: [] };
      out.push({ kind: 'speech-start', region, audioSec: e.audioSec });
    } else if (e.type === 'commit') {
      if (this.open !== null) this.open.words.push(...e.words);
      // Without a VAD region (a stream run without VAD) each commit is an utterance of its own.
      else out.push({ kind: 'utterance', utterance: this.utterance(e.words, e.startSec, e.endSec, e.audioSec) });
    } else if (e.type === 'speech-end') {
      out.push(...this.close(e.endSec, e.audioSec));
    } else if (e.type === 'final' && this.open !== null) {
      out.push(...this.close(e.audioSec, e.audioSec));
    }
    return out;
  }

  /** Whether any speech region overlaps [fromSec, toSec] (an open region reaches to the present). */
  speechBetween(fromSec: number, toSec: number): boolean {
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const r = this.regions[i] as SpeechRegion;
      if ((r.endSec ?? Number.POSITIVE_INFINITY) >= fromSec && r.startSec <= toSec) return true;
      if (r.endSec !== undefined && r.endSec < fromSec) break;
    }
    return false;
  }

  private close(endSec: number, audioSec: number): UtteranceUpdate[] {
    const open = this.open;
    if (open === null) return [];
    this.open = null;
    open.region.endSec = endSec;
    return [
      { kind: 'utterance', utterance: this.utterance(open.words, open.region.startSec, endSec, audioSec) },
      { kind: 'speech-end', region: open.region, audioSec },
    ];
  }

  private utterance(words: readonly StreamWord[], startSec: number, endSec: number, audioSec: number): HeardUtterance {
    return {
      index: ++this.count,
      text: words.map((w) => w.text).join(' '),
      startSec,
      endSec,
      words: words.length,
      confidence: utteranceConfidence(words),
      heardAtSec: audioSec,
    };
  }
}
