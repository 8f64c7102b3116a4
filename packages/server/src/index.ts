/**
 * @cephalon/server — an OpenAI-compatible speech server (REST, server-sent events, realtime WebSocket) on
 * @cephalon/stt, and a Redis batch queue. This file is the curated public API.
 */
export { startSpeechServer, modelNameOf } from './server.js';
export type { SpeechServer } from './server.js';
export { resolveServerOptions } from './options.js';
export type { ServerOptions, ResolvedServerOptions, EngineKind } from './options.js';
export { ApiError } from './api-error.js';
export type { OpenAIErrorBody } from './api-error.js';
export { RequestQueue } from './queue/request-queue.js';
export type { QueueStats, Ticket } from './queue/request-queue.js';
