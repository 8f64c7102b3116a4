/**
 * One realtime transcription session, independent of the transport: client events in, server events out.
 * Audio accumulates in the input buffer; a commit (the client's, or the server VAD's at the end of a turn) turns
 * the committed audio into an item, transcribed whole through the shared engine and queue (the library's
 * streaming transcription will replace this), with one delta per decoded segment, then `completed`.
 */
import { randomUUID } from 'node:crypto';
import type { Transcript } from '@cephalon/stt';
import { ApiError, toApiError } from '../api-error.js';
import type { EngineOptions } from '../engine/engine.js';
import { EnergyVad } from './energy-vad.js';
import { PcmBuffer, pcm16Wav } from './pcm-buffer.js';
import { ConfigError, DEFAULT_CONFIG, applySessionUpdate, sessionObject } from './session-config.js';
import type { RealtimeConfig } from './session-config.js';

export type ServerEvent = Readonly<Record<string, unknown>> & { readonly type: string };

/** Transcribes one committed item; rejects with ApiError (queue full...) or the engine's errors. */
export type ItemTranscriber = (wav: Uint8Array, options: EngineOptions, signal: AbortSignal, onDelta: (text: string) => void) => Promise<Transcript>;

export interface SessionLimits {
  /** Longest input buffer (and item) in seconds. */
  readonly maxAudioSec: number;
}

export class RealtimeSession {
  readonly id = `sess_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  readonly #send: (event: ServerEvent) => void;
  readonly #transcribe: ItemTranscriber;
  readonly #limits: SessionLimits;
  readonly #abort = new AbortController();
  #config: RealtimeConfig = DEFAULT_CONFIG;
  #buffer = new PcmBuffer();
  #vad: EnergyVad | null = null;
  /** Item id of the turn the VAD is in, and where it started. */
  #turn: { readonly itemId: string; readonly startSample: number } | null = null;
  #lastItemId: string | null = null;
  #events = 0;
  /** Items are transcribed one after another, so their events come in commit order. */
  #chain: Promise<void> = Promise.resolve();

  constructor(send: (event: ServerEvent) => void, transcribe: ItemTranscriber, limits: SessionLimits) {
    this.#send = send;
    this.#transcribe = transcribe;
    this.#limits = limits;
    this.#resetVad();
    this.#emit({ type: 'session.created', session: sessionObject(this.id, this.#config) });
  }

  /** Handles one client message (JSON text). */
  handle(message: string): void {
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      this.#error('invalid_json', 'the message is not JSON', null, null);
      return;
    }
    const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    const eventId = typeof e['event_id'] === 'string' ? e['event_id'] : null;
    try {
      switch (e['type']) {
        case 'session.update':
        case 'transcription_session.update':
          return this.#update(e['session'], e['type'] === 'session.update' ? 'session.updated' : 'transcription_session.updated');
        case 'input_audio_buffer.append':
          return this.#append(e['audio']);
        case 'input_audio_buffer.commit':
          return this.#commitManual();
        case 'input_audio_buffer.clear':
          this.#buffer.clear();
          this.#turn = null;
          this.#resetVad();
          return this.#emit({ type: 'input_audio_buffer.cleared' });
        default:
          throw new ConfigError('type', `unsupported event type ${JSON.stringify(e['type'])} (this server speaks the transcription subset of the Realtime API)`);
      }
    } catch (error) {
      if (error instanceof ConfigError) this.#error(error.param === 'type' ? 'unknown_event' : 'invalid_value', error.message, error.param, eventId);
      else throw error;
    }
  }

  /** Stops pending transcriptions (the socket closed). */
  close(): void {
    this.#abort.abort(new ApiError(499, 'the realtime session closed', { code: 'session_closed' }));
  }

  /** Resolves when every committed item has been answered. */
  idle(): Promise<void> {
    return this.#chain;
  }

  #emit(event: ServerEvent): void {
    this.#send({ event_id: `event_${this.id.slice(5, 13)}_${++this.#events}`, ...event });
  }

  #error(code: string, message: string, param: string | null, eventId: string | null): void {
    this.#emit({ type: 'error', error: { type: 'invalid_request_error', code, message, param, event_id: eventId } });
  }

  #resetVad(): void {
    this.#vad = this.#config.turnDetection === null ? null : new EnergyVad(this.#config.turnDetection, this.#config.sampleRate);
  }

  #update(session: unknown, answer: string): void {
    const next = applySessionUpdate(this.#config, session);
    const rateChanged = next.sampleRate !== this.#config.sampleRate;
    if (rateChanged && this.#buffer.length > 0) throw new ConfigError('session.audio.input.format.rate', 'the sample rate cannot change while the input buffer holds audio; clear or commit it first');
    this.#config = next;
    this.#turn = null;
    this.#resetVad();
    this.#emit({ type: answer, session: sessionObject(this.id, next) });
  }

  #ms(sample: number): number {
    return Math.round((sample * 1000) / this.#config.sampleRate);
  }

  #append(audio: unknown): void {
    if (typeof audio !== 'string') throw new ConfigError('audio', 'audio must be base64-encoded PCM16 (little-endian, mono)');
    const bytes = Buffer.from(audio, 'base64');
    if (bytes.length % 2 !== 0) throw new ConfigError('audio', 'PCM16 audio needs an even number of bytes');
    const samples = new Int16Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i);
    if ((this.#buffer.length + samples.length) / this.#config.sampleRate > this.#limits.maxAudioSec) {
      this.#error('input_audio_buffer_too_large', `the input buffer would exceed ${this.#limits.maxAudioSec} s; commit or clear it`, 'audio', null);
      return;
    }
    this.#buffer.append(samples);
    if (this.#vad === null) return;
    for (const v of this.#vad.push(samples)) {
      if (v.kind === 'start') {
        this.#turn = { itemId: newItemId(), startSample: Math.max(v.atSample, this.#buffer.start) };
        this.#emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: this.#ms(this.#turn.startSample), item_id: this.#turn.itemId });
      } else if (this.#turn !== null) {
        const { itemId, startSample } = this.#turn;
        this.#turn = null;
        this.#emit({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: this.#ms(v.atSample), item_id: itemId });
        this.#commit(itemId, this.#buffer.slice(startSample, v.atSample));
        this.#buffer.dropBefore(v.atSample);
      }
    }
    if (this.#turn === null) {
      // Between turns keep only what a start could reach back to (prefix padding), so memory stays bounded.
      const keep = Math.round(((this.#config.turnDetection?.prefixPaddingMs ?? 0) / 1000 + 0.1) * this.#config.sampleRate);
      this.#buffer.dropBefore(this.#buffer.end - keep);
    }
  }

  #commitManual(): void {
    if (this.#buffer.length === 0) {
      this.#error('input_audio_buffer_commit_empty', 'the input audio buffer is empty: append audio before committing', null, null);
      return;
    }
    const itemId = this.#turn?.itemId ?? newItemId();
    this.#commit(itemId, this.#buffer.slice(this.#buffer.start, this.#buffer.end));
    this.#buffer.clear();
    this.#turn = null;
    this.#resetVad();
  }

  #commit(itemId: string, samples: Int16Array): void {
    this.#emit({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: this.#lastItemId });
    this.#lastItemId = itemId;
    const wav = pcm16Wav(samples, this.#config.sampleRate);
    const c = this.#config;
    const options: EngineOptions = { task: 'transcribe', ...(c.language === null ? {} : { language: c.language }), ...(c.prompt === null ? {} : { initialPrompt: c.prompt }) };
    this.#chain = this.#chain.then(() => this.#transcribeItem(itemId, wav, options));
  }

  async #transcribeItem(itemId: string, wav: Uint8Array, options: EngineOptions): Promise<void> {
    if (this.#abort.signal.aborted) return;
    try {
      const t = await this.#transcribe(wav, options, this.#abort.signal, (delta) =>
        this.#emit({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta }),
      );
      this.#emit({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript: t.text,
        usage: { type: 'duration', seconds: Math.ceil(t.durationSec) },
      });
    } catch (error) {
      if (this.#abort.signal.aborted) return;
      const e = toApiError(error);
      this.#emit({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: itemId,
        content_index: 0,
        error: { type: e.type, code: e.code, message: e.message, param: e.param },
      });
    }
  }
}

function newItemId(): string {
  return `item_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}
