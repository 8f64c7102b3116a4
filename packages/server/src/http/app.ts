/**
 * The fastify app: plugins (multipart, websocket), the API-key check, the early 413 on a declared length, the
 * OpenAI-shaped error handler, and the routes.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { ApiError } from '../api-error.js';
import { audioHandler } from './audio-route.js';
import { replyError } from './reply-error.js';
import type { ServerState } from './state.js';

/** Room for the text fields and multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;
const AUDIO_ROUTES = new Set(['/v1/audio/transcriptions', '/v1/audio/translations']);

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1]?.trim() ?? null;
}

function addHooks(app: FastifyInstance, state: ServerState): void {
  const { apiKey, maxUploadBytes } = state.options;
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (apiKey !== null && path !== '/health' && bearer(request.headers.authorization) !== apiKey) {
      return replyError(reply, new ApiError(401, 'Incorrect API key provided: send Authorization: Bearer <key> (the server\'s --api-key)', { code: 'invalid_api_key' }), state.metrics);
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (AUDIO_ROUTES.has(path) && declared > maxUploadBytes + FORM_OVERHEAD_BYTES) {
      reply.header('connection', 'close');
      const mb = Math.round(maxUploadBytes / 1024 / 1024);
      return replyError(reply, new ApiError(413, `the request declares ${declared} bytes; this server accepts files up to ${mb} MB`, { param: 'file', code: 'file_too_large' }), state.metrics);
    }
    return undefined;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    state.metrics.requests.inc({ route, status: String(reply.statusCode) });
    state.metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler(async (error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    const code = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'invalid_content_type' : (error.code ?? null);
    const statusOut = code === 'invalid_content_type' ? 400 : status;
    return replyError(reply, new ApiError(statusOut, status === 500 ? 'internal server error' : error.message, { code }), state.metrics);
  });
  app.setNotFoundHandler(async (request, reply) =>
    replyError(reply, new ApiError(404, `no route ${request.method} ${request.url.split('?')[0] ?? ''}`, { code: 'unknown_url' }), state.metrics),
  );
}

function addInfoRoutes(app: FastifyInstance, state: ServerState): void {
  app.get('/health', async (_request, reply) => {
    if (state.loadError !== null) return reply.code(503).send({ status: 'error', model: state.modelName, message: state.loadError });
    if (state.engine === null) return reply.code(503).send({ status: 'loading', model: state.modelName });
    return { status: 'ok', model: state.modelName, queue: state.queue.stats };
  });
  const model = (id: string) => ({ id, object: 'model', created: state.loadedAt, owned_by: 'cephalon' });
  app.get('/v1/models', async () => ({ object: 'list', data: [model(state.modelName), model('whisper-1')] }));
  app.get<{ Params: { id: string } }>('/v1/models/:id', async (request, reply) => {
    const { id } = request.params;
    if (id === state.modelName || id === 'whisper-1') return model(id);
    return replyError(reply, new ApiError(404, `The model '${id}' does not exist`, { param: 'model', code: 'model_not_found' }), state.metrics);
  });
  app.get('/metrics', async (_request, reply) => reply.type(state.metrics.registry.contentType).send(await state.metrics.registry.metrics()));
}

/** Builds the app (not listening). `extra` registers more routes (the realtime WebSocket) before it is ready. */
export async function buildApp(state: ServerState, extra?: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const tls = state.options.tls;
  const base = { logger: { level: process.env['CEPHALON_LOG'] ?? 'warn' }, forceCloseConnections: true, bodyLimit: 1024 * 1024 } as const;
  // The HTTPS instance has the same API; only the raw server type differs.
  const app = tls === null ? Fastify(base) : (Fastify({ ...base, https: { key: tls.key, cert: tls.cert } }) as unknown as FastifyInstance);
  await app.register(multipart, {
    limits: { fileSize: state.options.maxUploadBytes, files: 1, fields: 32, parts: 40, fieldSize: 64 * 1024, headerPairs: 64 },
    throwFileSizeLimit: true,
  });
  addHooks(app, state);
  addInfoRoutes(app, state);
  app.post('/v1/audio/transcriptions', audioHandler(state, 'transcribe'));
  app.post('/v1/audio/translations', audioHandler(state, 'translate'));
  if (extra !== undefined) await extra(app);
  return app;
}
