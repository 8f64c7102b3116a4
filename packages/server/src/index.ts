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
export { submitFiles } from './batch/submit.js';
export type { SubmitOptions, SubmittedJob } from './batch/submit.js';
export { startBatchWorker } from './batch/worker.js';
export type { BatchWorker, BatchWorkerOptions } from './batch/worker.js';
export { queueStatus, queueResults, failureError } from './batch/inspect.js';
export type { QueueStatus, QueueResults } from './batch/inspect.js';
export { DEFAULT_QUEUE_NAME } from './batch/batch-types.js';
export type { BatchJobData, BatchResult, BatchProgress, BatchFailure } from './batch/batch-types.js';
export type { EngineOptions } from './engine/engine.js';
export type { SerializedError } from './engine/worker-protocol.js';
