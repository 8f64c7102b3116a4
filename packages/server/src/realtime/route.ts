/**
 * `GET /v1/realtime` (WebSocket): the transcription subset of OpenAI's Realtime API on @fastify/websocket.
 * Each session's audio goes through the library's streaming transcription on the server's model (one stream at a
 * time per session); a stream that fails fails its item (a `...transcription.failed` event).
 */
import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { ApiError, toApiError } from '../api-error.js';
import type { ServerState } from '../http/state.js';
import { acceptedModels } from '../http/state.js';
import { RealtimeSession } from './realtime-session.js';
import type { StreamOpener } from './realtime-session.js';

/** Largest WebSocket message: 10 s of 24 kHz PCM16 as base64, plus JSON. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/** Streams on the server's model; realtime streams run beside the request queue (docs/server.md). */
function streamOpener(state: ServerState): StreamOpener {
  return async function* open(source, options) {
    const engine = state.engine;
    if (engine === null) throw new ApiError(503, 'the model is loading', { code: 'model_loading' });
    for await (const e of engine.stream(source, options)) {
      if (e.type === 'final') state.metrics.audioSeconds.inc(e.audioSec);
      yield e;
    }
  };
}

export async function registerRealtime(app: FastifyInstance, state: ServerState): Promise<void> {
  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  app.get<{ Querystring: { model?: string } }>('/v1/realtime', { websocket: true }, (socket, request) => {
    const send = (event: object): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    };
    const refuse = (e: ApiError): void => {
      send({ type: 'error', event_id: 'event_refused', error: { type: e.type, code: e.code, message: e.message, param: e.param, event_id: null } });
      socket.close(1008, e.code ?? 'refused');
    };
    const model = request.query.model;
    if (state.engine === null) return refuse(new ApiError(503, 'the model is loading; retry when GET /health answers 200', { code: 'model_loading' }));
    if (model !== undefined && !acceptedModels(state).includes(model)) {
      return refuse(new ApiError(400, `model ${JSON.stringify(model)} is not served here; use one of: ${acceptedModels(state).join(', ')}`, { param: 'model', code: 'model_not_found' }));
    }
    const session = new RealtimeSession(send, streamOpener(state), { maxAudioSec: state.options.maxAudioSec });
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        send({ type: 'error', event_id: 'event_binary', error: { type: 'invalid_request_error', code: 'invalid_json', message: 'send JSON text messages', param: null, event_id: null } });
        return;
      }
      try {
        session.handle(data.toString());
      } catch (error) {
        const e = toApiError(error);
        request.log.error({ err: error }, 'realtime event failed');
        send({ type: 'error', event_id: 'event_internal', error: { type: e.type, code: e.code, message: e.message, param: null, event_id: null } });
      }
    });
    socket.on('close', () => session.close());
    return undefined;
  });
}
