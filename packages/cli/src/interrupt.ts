/**
 * Ctrl-C for long commands: the first SIGINT (or SIGTERM) aborts a signal the command passes to the library, which
 * stops at the next safe point so the command can save what it has; a second one exits at once with code 130.
 */
import type { CommandIo } from './command.js';
import { EXIT } from './command.js';

/** A cancellation scope; `dispose()` restores the default signal handling. */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Listens for Ctrl-C while a command runs. `io.interrupt`, when given (tests), is used instead of process signals.
 * @example const stop = listenForInterrupt(io); try { await work(stop.signal); } finally { stop.dispose(); }
 */
export function listenForInterrupt(io: CommandIo, note = 'stopping after the current step; press Ctrl-C again to quit at once'): Interrupt {
  if (io.interrupt !== undefined) return { signal: io.interrupt, dispose: () => undefined };
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      io.stderr.write('\ncephalon: interrupted again, quitting\n');
      process.exit(EXIT.interrupted);
    }
    io.stderr.write(`\ncephalon: interrupted: ${note}\n`);
    controller.abort();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}

/** Resolves with the signal's name on the first SIGINT or SIGTERM (long-running services: `serve`, `worker`). */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
