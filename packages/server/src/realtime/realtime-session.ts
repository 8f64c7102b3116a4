/**
 * One realtime transcription session, independent of the transport: client events in, server events out.
 * Appended audio feeds the library's streaming transcription (`transcriber.stream()`, docs/streaming.md):
 * - `server_vad`: one stream with the library's Silero VAD; its `speech-start` / `speech-end` are the turn's
 *   `speech_started` / `speech_stopped` (+ `committed`), its `commit`s are the item's deltas, and the item's
 *   `completed` carries every commit of the turn.
 * - `turn_detection: null`: one stream per item without VAD, fed in lockstep (deterministic: the same chunks give
 *   the library's `stream()` result); `input_audio_buffer.commit` ends it, and `final` gives `completed`.
 * `input_audio_buffer.clear` discards the stream (its uncommitted audio and the turn or item in progress).
 */
import { randomUUID } from 'node:crypto';
import type { StreamEvent, StreamOptions } from '@cephalon/stt';
import { ApiError, toApiError } from '../api-error.js';
import { ChunkQueue } from './chunk-queue.js';
import { ConfigError, DEFAULT_CONFIG, applySessionUpdate, sessionObject } from './session-config.js';
import type { RealtimeConfig } from './session-config.js';

export type ServerEvent = Readonly<Record<string, unknown>> & { readonly type: string };

/** Opens a library stream on the server's model; throws ApiError when it cannot (model loading...). */
export type StreamOpener = (source: AsyncIterable<Int16Array>, options: StreamOptions) => AsyncIterable<StreamEvent>;

export interface SessionLimits {
  /** Longest item (manual mode: audio between commits) in seconds. */
  readonly maxAudioSec: number;
}

interface Item {
  readonly id: string;
  /** Stream seconds where the item's audio starts. */
  readonly startSec: number;
  readonly texts: string[];
}

interface OpenStream {
  readonly source: ChunkQueue;
  /** Session sample position of the stream's first sample. */
  readonly originSample: number;
  readonly manual: boolean;
  /** Aborts this stream only (`input_audio_buffer.clear`); the session's own abort stops every stream. */
  readonly cancel: AbortController;
  /** Cleared: its audio is discarded and its later events are ignored. */
  discarded: boolean;
  samples: number;
  /** The item the stream is transcribing (manual: from the first append; server_vad: between start and end). */
  item: Item | null;
}

export class RealtimeSession {
  readonly id = `sess_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  readonly #send: (event: ServerEvent) => void;
  readonly #open: StreamOpener;
  readonly #limits: SessionLimits;
  readonly #abort = new AbortController();
  #config: RealtimeConfig = DEFAULT_CONFIG;
  #stream: OpenStream | null = null;
  /** Samples appended since the session started (absolute positions for `audio_*_ms`). */
  #position = 0;
  #lastItemId: string | null = null;
  #events = 0;
  /** Streams run one after another, so their events come in order; never rejects. */
  #chain: Promise<void> = Promise.resolve();

  constructor(send: (event: ServerEvent) => void, open: StreamOpener, limits: SessionLimits) {
    this.#send = send;
    this.#open = open;
    this.#limits = limits;
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
          return this.#commit();
        case 'input_audio_buffer.clear':
          this.#discardStream();
          return this.#emit({ type: 'input_audio_buffer.cleared' });
        default:
          throw new ConfigError('type', `unsupported event type ${JSON.stringify(e['type'])} (this server speaks the transcription subset of the Realtime API)`);
      }
    } catch (error) {
      if (error instanceof ConfigError) this.#error(error.param === 'type' ? 'unknown_event' : 'invalid_value', error.message, error.param, eventId);
      else throw error;
    }
  }

  /** Stops the streams (the socket closed). */
  close(): void {
    this.#abort.abort(new ApiError(499, 'the realtime session closed', { code: 'session_closed' }));
    this.#endStream();
  }

  /** Resolves when every stream opened so far has ended. */
  idle(): Promise<void> {
    return this.#chain;
  }

  #emit(event: ServerEvent): void {
    this.#send({ event_id: `event_${this.id.slice(5, 13)}_${++this.#events}`, ...event });
  }

  #error(code: string, message: string, param: string | null, eventId: string | null): void {
    this.#emit({ type: 'error', error: { type: 'invalid_request_error', code, message, param, event_id: eventId } });
  }

  #update(session: unknown, answer: string): void {
    const next = applySessionUpdate(this.#config, session);
    if (next.sampleRate !== this.#config.sampleRate && (this.#stream?.samples ?? 0) > 0) {
      throw new ConfigError('session.audio.input.format.rate', 'the sample rate cannot change while the input buffer holds audio; clear or commit it first');
    }
    this.#endStream(); // the next append opens a stream with the new settings
    this.#config = next;
    this.#emit({ type: answer, session: sessionObject(this.id, next) });
  }

  #append(audio: unknown): void {
    if (typeof audio !== 'string') throw new ConfigError('audio', 'audio must be base64-encoded PCM16 (little-endian, mono)');
    const bytes = Buffer.from(audio, 'base64');
    if (bytes.length % 2 !== 0) throw new ConfigError('audio', 'PCM16 audio needs an even number of bytes');
    const samples = new Int16Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i);
    const manual = this.#config.turnDetection === null;
    if (manual && ((this.#stream?.samples ?? 0) + samples.length) / this.#config.sampleRate > this.#limits.maxAudioSec) {
      this.#error('input_audio_buffer_too_large', `the input buffer would exceed ${this.#limits.maxAudioSec} s; commit or clear it`, 'audio', null);
      return;
    }
    const stream = this.#stream ?? this.#startStream();
    stream.source.push(samples);
    stream.samples += samples.length;
    this.#position += samples.length;
  }

  /** Manual mode: the item ends here. server_vad: the stream ends here (a turn in progress ends with it). */
  #commit(): void {
    const stream = this.#stream;
    if (stream === null || stream.samples === 0) {
      this.#error('input_audio_buffer_commit_empty', 'the input audio buffer is empty: append audio before committing', null, null);
      return;
    }
    if (stream.manual && stream.item !== null) this.#committed(stream.item.id);
    this.#endStream(true);
  }

  /** Ends the stream (it drains what it was given); a manual item not committed is dropped, not completed. */
  #endStream(committed = false): void {
    const stream = this.#stream;
    if (stream === null) return;
    if (stream.manual && !committed) stream.item = null;
    stream.source.end();
    this.#stream = null;
  }

  /**
   * OpenAI's `clear`: the audio not committed yet is gone. The stream's unread audio is dropped, the stream is
   * aborted (a decode in progress finishes, its result is not used) and nothing more is reported from it: the turn
   * in progress (server_vad) or the item (manual) gets no further events. Turns already committed keep theirs.
   */
  #discardStream(): void {
    const stream = this.#stream;
    if (stream === null) return;
    stream.discarded = true;
    stream.item = null;
    stream.source.discard();
    stream.cancel.abort(new ApiError(499, 'the input audio buffer was cleared', { code: 'buffer_cleared' }));
    this.#stream = null;
  }

  #committed(itemId: string): void {
    this.#emit({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: this.#lastItemId });
    this.#lastItemId = itemId;
  }

  #startStream(): OpenStream {
    const c = this.#config;
    const manual = c.turnDetection === null;
    const cancel = new AbortController();
    const stream: OpenStream = { source: new ChunkQueue(), originSample: this.#position, manual, cancel, discarded: false, samples: 0, item: manual ? { id: newItemId(), startSec: 0, texts: [] } : null };
    const options: StreamOptions = {
      task: 'transcribe',
      ...(c.language === null ? {} : { language: c.language }),
      ...(c.prompt === null ? {} : { initialPrompt: c.prompt }),
      input: { sampleRate: c.sampleRate },
      vad:
        c.turnDetection === null
          ? false
          : { model: 'silero', threshold: c.turnDetection.threshold, speechPadMs: c.turnDetection.prefixPaddingMs, minSilenceDurationMs: c.turnDetection.silenceDurationMs },
      lockstep: manual,
      signal: AbortSignal.any([this.#abort.signal, cancel.signal]),
    };
    this.#stream = stream;
    // A stream starts once the previous one has ended (its audio waits in the queue meanwhile).
    this.#chain = this.#chain.then(() => this.#run(stream, options));
    return stream;
  }

  async #run(stream: OpenStream, options: StreamOptions): Promise<void> {
    if (this.#abort.signal.aborted || stream.discarded) return;
    try {
      for await (const e of this.#open(stream.source, options)) this.#onEvent(stream, e);
    } catch (error) {
      stream.source.end();
      if (this.#stream === stream) this.#stream = null;
      if (stream.item !== null && !this.#abort.signal.aborted) this.#failed(stream.item.id, error);
      stream.item = null;
    }
  }

  #ms(stream: OpenStream, sec: number): number {
    return Math.round((stream.originSample * 1000) / this.#config.sampleRate + sec * 1000);
  }

  #onEvent(stream: OpenStream, e: StreamEvent): void {
    if (this.#abort.signal.aborted || stream.discarded) return;
    switch (e.type) {
      case 'speech-start': {
        const item: Item = { id: newItemId(), startSec: e.startSec, texts: [] };
        stream.item = item;
        this.#emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: this.#ms(stream, e.startSec), item_id: item.id });
        return;
      }
      case 'commit':
        if (stream.item === null || e.text === '') return;
        stream.item.texts.push(e.text);
        this.#emit({ type: 'conversation.item.input_audio_transcription.delta', item_id: stream.item.id, content_index: 0, delta: e.text });
        return;
      case 'speech-end':
        return this.#turnEnd(stream, e.endSec);
      case 'final':
        if (stream.manual && stream.item !== null) this.#completed(stream.item, e.audioSec);
        else this.#turnEnd(stream, e.audioSec); // a turn cut by the end of the stream (commit, clear, update)
        stream.item = null;
        return;
      default:
        return;
    }
  }

  #turnEnd(stream: OpenStream, endSec: number): void {
    if (stream.item === null) return;
    this.#emit({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: this.#ms(stream, endSec), item_id: stream.item.id });
    this.#committed(stream.item.id);
    this.#completed(stream.item, endSec);
    stream.item = null;
  }

  #completed(item: Item, endSec: number): void {
    this.#emit({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: item.id,
      content_index: 0,
      transcript: item.texts.join(' '),
      usage: { type: 'duration', seconds: Math.ceil(Math.max(0, endSec - item.startSec)) },
    });
  }

  #failed(itemId: string, error: unknown): void {
    const e = toApiError(error);
    this.#emit({ type: 'conversation.item.input_audio_transcription.failed', item_id: itemId, content_index: 0, error: { type: e.type, code: e.code, message: e.message, param: e.param } });
  }
}

function newItemId(): string {
  return `item_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}
