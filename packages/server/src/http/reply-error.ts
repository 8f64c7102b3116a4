/** Sends an `ApiError` in OpenAI's shape and counts it. */
import type { FastifyReply } from 'fastify';
import type { ApiError } from '../api-error.js';
import type { ServerMetrics } from '../metrics.js';

export function replyError(reply: FastifyReply, error: ApiError, metrics: ServerMetrics): FastifyReply {
  metrics.errors.inc({ code: error.code ?? String(error.status) });
  return reply.code(error.status).headers(error.headers).type('application/json; charset=utf-8').send(error.toJSON());
}
