/** Prometheus metrics of one server (its own registry, so several servers in one process do not mix). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestQueue } from './queue/request-queue.js';

export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status'>;
  readonly errors: Counter<'code'>;
  readonly audioSeconds: Counter;
  readonly rtfx: Histogram;
  readonly latency: Histogram<'route'>;
  readonly cancelled: Counter<'reason'>;
}

export function createMetrics(queue: RequestQueue): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cephalon_' });
  const m: ServerMetrics = {
    registry,
    requests: new Counter({ name: 'cephalon_requests_total', help: 'HTTP requests answered, by route and status', labelNames: ['route', 'status'], registers: [registry] }),
    errors: new Counter({ name: 'cephalon_errors_total', help: 'Error responses by OpenAI error code', labelNames: ['code'], registers: [registry] }),
    audioSeconds: new Counter({ name: 'cephalon_audio_seconds_total', help: 'Seconds of audio transcribed', registers: [registry] }),
    rtfx: new Histogram({
      name: 'cephalon_rtfx',
      help: 'Real-time factor per request: audio seconds / decoding seconds',
      buckets: [0.5, 1, 2, 5, 10, 20, 50, 100, 200],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'cephalon_request_duration_seconds',
      help: 'Time from arrival to the last byte, by route',
      labelNames: ['route'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    cancelled: new Counter({ name: 'cephalon_cancelled_total', help: 'Requests stopped before the end: client gone or timed out', labelNames: ['reason'], registers: [registry] }),
  };
  new Gauge({ name: 'cephalon_queue_waiting', help: 'Admitted requests waiting (uploading or for a slot)', registers: [registry], collect() { this.set(queue.stats.waiting); } });
  new Gauge({ name: 'cephalon_queue_running', help: 'Requests decoding now', registers: [registry], collect() { this.set(queue.stats.running); } });
  new Gauge({ name: 'cephalon_queue_capacity', help: 'Decoding slots plus queue length', registers: [registry], collect() { this.set(queue.stats.capacity); } });
  return m;
}
