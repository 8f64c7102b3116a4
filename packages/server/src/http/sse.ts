/** Server-sent events in OpenAI's framing (`data: <json>\n\n`), written on the raw response. */
import type { ServerResponse } from 'node:http';

export class SseWriter {
  readonly #res: ServerResponse;
  #open = false;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Sends the 200 header; later errors can only be sent as events. */
  open(): void {
    if (this.#open) return;
    this.#open = true;
    this.#res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    this.#res.flushHeaders();
  }

  send(event: object): void {
    if (this.#open && !this.#res.writableEnded && !this.#res.destroyed) this.#res.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  /** Ends the stream if it was opened (before that, the route answers with a normal status). */
  end(): void {
    if (this.#open && !this.#res.writableEnded) this.#res.end();
  }
}
