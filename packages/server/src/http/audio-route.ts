/**
 * `POST /v1/audio/transcriptions` and `/v1/audio/translations`: admit (or 429) before reading the upload, read
 * the form, wait for a decoding slot, transcribe, answer in the asked format or as server-sent events. The
 * ticket is released in `finally`; a client that goes away aborts the request wherever it is.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transcript } from '@cephalon/stt';
import { ApiError, RequestAbortedError, toApiError } from '../api-error.js';
import { parseAudioParams } from './audio-params.js';
import type { AudioParams } from './audio-params.js';
import { readAudioForm } from './multipart-form.js';
import { render } from './render.js';
import { replyError } from './reply-error.js';
import { SseWriter } from './sse.js';
import { acceptedModels } from './state.js';
import type { ServerState } from './state.js';
import type { Ticket } from '../queue/request-queue.js';

/** Aborts on client disconnect and on the request time limit. */
function requestSignal(reply: FastifyReply, timeoutSec: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!reply.raw.writableFinished) controller.abort(new RequestAbortedError('client'));
  };
  reply.raw.on('close', onClose);
  const timer = setTimeout(() => controller.abort(new RequestAbortedError('timeout')), timeoutSec * 1000);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      reply.raw.off('close', onClose);
    },
  };
}

/**
 * `work`, or the abort reason as soon as `signal` fires: the answer (504, or nothing for a client that left) does
 * not wait for the decoding to reach its next window; the slot is freed when the work really ends.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined); // settles later, unobserved, when aborted
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function readParams(state: ServerState, request: FastifyRequest, task: 'transcribe' | 'translate'): Promise<{ audio: Buffer; params: AudioParams }> {
  const form = await readAudioForm(request, state.options.maxUploadBytes);
  const params = parseAudioParams(form.fields, task, acceptedModels(state));
  if (form.file === null) throw new ApiError(400, 'field "file" is required: the audio file to transcribe', { param: 'file', code: 'missing_field' });
  if (form.file.bytes.length === 0) throw new ApiError(400, `the file "${form.file.filename}" is empty (0 bytes)`, { param: 'file', code: 'empty_file' });
  return { audio: form.file.bytes, params };
}

function observe(state: ServerState, transcript: Transcript, decodeStart: number): void {
  const decodeSec = (performance.now() - decodeStart) / 1000;
  state.metrics.audioSeconds.inc(transcript.durationSec);
  if (decodeSec > 0) state.metrics.rtfx.observe(transcript.durationSec / decodeSec);
}

async function serve(state: ServerState, request: FastifyRequest, reply: FastifyReply, ticket: Ticket, task: 'transcribe' | 'translate', signal: AbortSignal): Promise<void> {
  const engine = state.engine;
  if (engine === null) throw new ApiError(503, 'the model is loading', { code: 'model_loading' });
  const { audio, params } = await readParams(state, request, task);
  let decodeStart = performance.now();
  const base = { audio, options: params.options, maxAudioSec: state.options.maxAudioSec, signal };
  if (!params.stream) {
    const transcript = await untilAborted(ticket.run(() => engine.transcribe({ ...base, onStart: () => (decodeStart = performance.now()) }), signal), signal);
    observe(state, transcript, decodeStart);
    const out = render(transcript, params.responseFormat, task, params.granularities);
    await reply.type(out.contentType).send(out.body);
    return;
  }
  const sse = new SseWriter(reply.raw);
  try {
    const work = ticket.run(
      () =>
        engine.transcribe({
          ...base,
          onStart: () => {
            if (signal.aborted) return; // already answered (504) or the client left
            decodeStart = performance.now();
            reply.hijack();
            sse.open();
          },
          onSegment: (s) => sse.send({ type: 'transcript.text.delta', delta: s.text }),
        }),
      signal,
    );
    const transcript = await untilAborted(work, signal);
    observe(state, transcript, decodeStart);
    sse.send({ type: 'transcript.text.done', text: transcript.text, usage: { type: 'duration', seconds: Math.ceil(transcript.durationSec) } });
  } catch (error) {
    if (!sse.isOpen) throw error;
    if (error instanceof RequestAbortedError) state.metrics.cancelled.inc({ reason: error.reason });
    const apiError = toApiError(error, state.options.requestTimeoutSec);
    state.metrics.errors.inc({ code: apiError.code ?? String(apiError.status) });
    sse.send(apiError.toJSON());
  } finally {
    sse.end();
  }
}

/** The handler of one audio route. */
export function audioHandler(state: ServerState, task: 'transcribe' | 'translate') {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (state.loadError !== null) {
      await replyError(reply, new ApiError(503, `the model could not be loaded: ${state.loadError}`, { code: 'model_unavailable' }), state.metrics);
      return;
    }
    if (state.engine === null) {
      await replyError(reply, new ApiError(503, 'the model is loading; retry when GET /health answers 200', { code: 'model_loading', headers: { 'retry-after': '5' } }), state.metrics);
      return;
    }
    const ticket = state.queue.tryAdmit();
    if (ticket === null) {
      const retry = String(state.queue.retryAfterSec());
      reply.header('connection', 'close'); // the upload is not read
      await replyError(reply, new ApiError(429, `the server is busy: ${state.queue.stats.capacity} requests are in progress or queued; retry after ${retry} s`, { type: 'rate_limit_error', code: 'queue_full', headers: { 'retry-after': retry } }), state.metrics);
      return;
    }
    const { signal, dispose } = requestSignal(reply, state.options.requestTimeoutSec);
    try {
      await serve(state, request, reply, ticket, task, signal);
    } catch (error) {
      if (error instanceof RequestAbortedError) state.metrics.cancelled.inc({ reason: error.reason });
      if (reply.sent || reply.raw.destroyed) return;
      const apiError = toApiError(error, state.options.requestTimeoutSec);
      if (apiError.status >= 500 && !(error instanceof RequestAbortedError)) request.log.error({ err: error }, 'transcription failed');
      if (apiError.code === 'file_too_large' || apiError.code === 'malformed_multipart') reply.header('connection', 'close');
      await replyError(reply, apiError, state.metrics);
    } finally {
      ticket.release();
      dispose();
    }
  };
}
