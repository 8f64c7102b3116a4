/**
 * The audio source of one realtime stream: chunks pushed by the socket handler, read by the library's
 * `transcriber.stream()` as an async iterable. Hand-written because it is the whole job (a push side, a pull side,
 * an end); holds at most what the session's audio limit allows.
 */
export class ChunkQueue implements AsyncIterable<Int16Array> {
  readonly #chunks: Int16Array[] = [];
  #ended = false;
  #wake: (() => void) | null = null;

  push(chunk: Int16Array): void {
    if (this.#ended) return;
    this.#chunks.push(chunk);
    this.#notify();
  }

  /** No more audio: the stream drains what was pushed and ends with `final`. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** No more audio, and what was pushed but not read yet is dropped (`input_audio_buffer.clear`). */
  discard(): void {
    this.#chunks.length = 0;
    this.end();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Int16Array, void, undefined> {
    for (;;) {
      const chunk = this.#chunks.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}
