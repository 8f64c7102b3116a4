/**
 * The online processor: holds the audio buffer, runs the speech gate over every new frame, decodes the buffer
 * when speech brought at least `minStepSec` of new audio, commits by LocalAgreement-n, trims the buffer at
 * committed segment ends (and at the hard limit), and turns all of it into stream events. No decoder call is
 * made outside speech. Driven by `append()` + `step()` (one step per arrival of audio) and `finish()`;
 * engine-agnostic (see `engine.ts` for Whisper, tests use a scripted engine).
 */
import { SAMPLE_RATE } from '../core/constants.js';
import { AudioBuffer } from './audio-buffer.js';
import { LocalAgreement } from './local-agreement.js';
import type { ResolvedPolicy } from './options.js';
import { segmentTrimPoint } from './trim.js';
import type { CommitReason, GateEvent, SpeechGate, StreamEngine, StreamEvent, StreamWord } from './types.js';

/** Audio kept before the VAD position while no one speaks, so a speech start reported in the past is still held. */
const IDLE_KEEP_SAMPLES = 2 * SAMPLE_RATE;

export interface ProcessorDeps {
  readonly engine: StreamEngine;
  /** `null`: no VAD, all audio is speech (and no speech-start/end events). */
  readonly gate: SpeechGate | null;
  readonly policy: ResolvedPolicy;
  /** Milliseconds clock for `wallSec` (default `performance.now`). */
  readonly now?: () => number;
}

export function joinText(words: readonly { readonly text: string }[]): string {
  return words.map((w) => w.text).join(' ');
}

export class OnlineProcessor {
  private readonly engine: StreamEngine;
  private readonly gate: SpeechGate | null;
  private readonly policy: ResolvedPolicy;
  private readonly now: () => number;
  private readonly t0: number;
  private readonly audio = new AudioBuffer();
  private readonly agreement: LocalAgreement;
  private readonly committed: StreamWord[] = [];
  /** Start of the transcription buffer (stream sample index). */
  private asrStart = 0;
  /** Buffer end at the last decode. */
  private lastDecodeEnd = 0;
  /** Next sample the gate has not seen. */
  private vadCursor = 0;
  private speaking: boolean;
  private segmentEnds: readonly number[] = [];
  private decodeCount = 0;
  private finished = false;

  constructor(deps: ProcessorDeps) {
    this.engine = deps.engine;
    this.gate = deps.gate;
    this.policy = deps.policy;
    this.now = deps.now ?? (() => performance.now());
    this.t0 = this.now();
    this.agreement = new LocalAgreement(deps.policy.agreement);
    this.speaking = deps.gate === null;
  }

  /** Engine calls so far. */
  get decodes(): number {
    return this.decodeCount;
  }

  /** Every word committed so far. */
  get committedWords(): readonly StreamWord[] {
    return this.committed;
  }

  /** Seconds of audio received. */
  get audioSec(): number {
    return this.audio.endSample / SAMPLE_RATE;
  }

  /** Adds 16 kHz samples at the end of the stream. */
  append(samples: Float32Array): void {
    if (this.finished) throw new RangeError('OnlineProcessor: append() after finish()');
    this.audio.append(samples);
  }

  /** Gates the new audio and decodes when due. */
  async step(): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    if (this.gate !== null) {
      const frame = this.gate.frameSamples;
      while (this.vadCursor + frame <= this.audio.endSample) {
        const found = await this.gate.push(this.audio.view(this.vadCursor, this.vadCursor + frame));
        this.vadCursor += frame;
        for (const e of found) await this.onGate(e, events, this.vadCursor);
      }
    }
    if (this.speaking && this.audio.endSample - this.lastDecodeEnd >= this.policy.minStepSec * SAMPLE_RATE) {
      await this.decodeStep(events, this.audio.endSample);
    }
    this.dropUnneeded();
    return events;
  }

  /**
   * Ends the stream: closes the speech region, decodes what was not decoded yet and commits the rest (with
   * `aborted`, no new decode: the newest hypothesis is committed as it is). Returns the events, `final` last.
   */
  async finish(aborted = false): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    if (this.finished) return events;
    const end = this.audio.endSample;
    if (!aborted) events.push(...(await this.step()));
    if (this.gate !== null) {
      for (const e of this.gate.end(end / SAMPLE_RATE)) await this.onGate(e, events, aborted ? null : end);
    } else {
      if (!aborted && end > this.lastDecodeEnd) await this.decodeBuffer(events, end);
      this.commitRest(events, 'end');
    }
    this.finished = true;
    events.push({
      ...this.stamp(),
      type: 'final',
      text: joinText(this.committed),
      words: [...this.committed],
      aborted,
      decodes: this.decodeCount,
    });
    return events;
  }

  private stamp(): { audioSec: number; wallSec: number } {
    return { audioSec: this.audioSec, wallSec: (this.now() - this.t0) / 1000 };
  }

  /** `flushEnd`: the buffer end for the utterance's last decode; `null`: commit without decoding. */
  private async onGate(e: GateEvent, events: StreamEvent[], flushEnd: number | null): Promise<void> {
    if (e.type === 'speech-start') {
      if (this.speaking) return;
      this.speaking = true;
      const start = Math.min(Math.max(Math.round(e.sec * SAMPLE_RATE), this.audio.startSample, this.asrStart), this.audio.endSample);
      this.asrStart = start;
      this.lastDecodeEnd = start;
      events.push({ ...this.stamp(), type: 'speech-start', startSec: e.sec });
      return;
    }
    if (!this.speaking) return;
    // Decode up to where the silence was confirmed (the buffer ends well after the last word), then commit every
    // word that started before the region's end; later words belong to the next utterance and are heard again there.
    if (flushEnd !== null && flushEnd > this.lastDecodeEnd) await this.decodeBuffer(events, flushEnd);
    const pending = this.agreement.pending;
    let n = 0;
    while (n < pending.length && (pending[n] as StreamWord).startSec < e.sec) n++;
    this.commitRest(events, flushEnd === null ? 'end' : 'speech-end', n);
    this.speaking = false;
    this.agreement.reset();
    this.segmentEnds = [];
    this.asrStart = Math.max(this.asrStart, Math.round(e.sec * SAMPLE_RATE), Math.ceil(this.agreement.lastCommittedEndSec * SAMPLE_RATE));
    this.lastDecodeEnd = this.asrStart;
    events.push({ ...this.stamp(), type: 'speech-end', endSec: e.sec });
  }

  /** One decode step: decode, commit what agrees, report the partial, trim at a committed segment end. */
  private async decodeStep(events: StreamEvent[], end: number): Promise<void> {
    await this.decodeBuffer(events, end);
    const pending = this.agreement.pending;
    events.push({ ...this.stamp(), type: 'partial', text: joinText(pending), words: [...pending] });
    const cut = segmentTrimPoint({
      bufferStartSec: this.asrStart / SAMPLE_RATE,
      bufferEndSec: end / SAMPLE_RATE,
      segmentEnds: this.segmentEnds,
      committedEndSec: this.agreement.lastCommittedEndSec,
      pendingStartSec: pending[0]?.startSec,
      trimAfterSec: this.policy.trimAfterSec,
    });
    if (cut !== null) this.cutAt(cut * SAMPLE_RATE);
  }

  /** Decodes `[asrStart, end)` (after the hard trim if needed) and commits what the last n hypotheses agree on. */
  private async decodeBuffer(events: StreamEvent[], end: number): Promise<void> {
    if (end - this.asrStart > this.policy.maxBufferSec * SAMPLE_RATE) this.hardTrim(events, end);
    const hypothesis = await this.engine.transcribe({
      audio: this.audio.copy(this.asrStart, end),
      offsetSec: this.asrStart / SAMPLE_RATE,
      prompt: this.prompt(),
    });
    this.decodeCount++;
    this.lastDecodeEnd = end;
    this.segmentEnds = hypothesis.segmentEnds;
    this.emitCommit(events, this.agreement.insert(hypothesis.words), 'agreement');
  }

  /**
   * The buffer would exceed `maxBufferSec`: keep its newest half. Committed audio goes first; if that is not
   * enough, the newest hypothesis' words that end before the cut are committed unagreed ('buffer-limit').
   */
  private hardTrim(events: StreamEvent[], end: number): void {
    const target = end - (this.policy.maxBufferSec / 2) * SAMPLE_RATE;
    const committedEnd = this.agreement.lastCommittedEndSec * SAMPLE_RATE;
    let cut: number;
    if (committedEnd >= target) {
      cut = committedEnd;
    } else {
      const pending = this.agreement.pending;
      let n = 0;
      while (n < pending.length && (pending[n] as StreamWord).endSec * SAMPLE_RATE <= target) n++;
      const forced = this.agreement.commitPending(n);
      this.emitCommit(events, forced, 'buffer-limit');
      const next = this.agreement.pending[0];
      const lastForced = forced.length > 0 ? (forced[forced.length - 1] as StreamWord).endSec * SAMPLE_RATE : this.asrStart;
      cut = Math.max(lastForced, committedEnd, Math.min(target, next === undefined ? target : next.startSec * SAMPLE_RATE));
    }
    cut = Math.max(cut, end - this.policy.maxBufferSec * SAMPLE_RATE);
    this.cutAt(cut);
  }

  private cutAt(sample: number): void {
    const cut = Math.round(sample);
    if (cut <= this.asrStart) return;
    this.asrStart = cut;
    this.agreement.trimmedAt(cut / SAMPLE_RATE);
  }

  /** Commits the first `count` pending words unagreed (all by default) and clears the partial. */
  private commitRest(events: StreamEvent[], reason: CommitReason, count?: number): void {
    this.emitCommit(events, this.agreement.commitPending(count), reason);
    events.push({ ...this.stamp(), type: 'partial', text: '', words: [] });
  }

  private emitCommit(events: StreamEvent[], words: readonly StreamWord[], reason: CommitReason): void {
    if (words.length === 0) return;
    this.committed.push(...words);
    const first = words[0] as StreamWord;
    const last = words[words.length - 1] as StreamWord;
    events.push({ ...this.stamp(), type: 'commit', text: joinText(words), words: [...words], startSec: first.startSec, endSec: last.endSec, reason });
  }

  /** The tail (whole words, at most `promptChars`) of the committed text that is no longer in the buffer. */
  private prompt(): string {
    const outside = this.committed.length - this.agreement.committedInBuffer.length;
    const picked: string[] = [];
    let chars = 0;
    for (let i = outside - 1; i >= 0; i--) {
      const text = (this.committed[i] as StreamWord).text;
      if (chars + text.length + (picked.length > 0 ? 1 : 0) > this.policy.promptChars) break;
      picked.push(text);
      chars += text.length + (picked.length > 1 ? 1 : 0);
    }
    return picked.reverse().join(' ');
  }

  /** Forgets audio nobody will read: before the buffer, or (in silence) all but the last seconds before the gate. */
  private dropUnneeded(): void {
    if (!this.speaking) this.asrStart = Math.max(this.asrStart, this.vadCursor - IDLE_KEEP_SAMPLES);
    const keepFrom = this.gate === null ? this.asrStart : Math.min(this.asrStart, this.vadCursor);
    this.audio.cutBefore(keepFrom);
  }
}
