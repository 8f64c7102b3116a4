/**
 * Peak memory of work in progress: the peak resident set of this process sampled on a timer (in-process engines),
 * or a child's `VmHWM` read from `/proc/<pid>/status` while it runs (command engines).
 */
import { readFileSync } from 'node:fs';

/** Sampling period of the RSS / VmHWM pollers, in milliseconds. */
export const MEMORY_SAMPLE_MS = 10;
const KIB = 1024;

/** Reads `VmHWM` (peak RSS) of a live process in bytes; undefined when the process is gone or /proc is absent. */
export function readPeakRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * KIB;
  } catch {
    return undefined;
  }
}

/** A running sampler: `stop()` returns the highest value seen, in bytes (undefined if none was read). */
export interface MemorySampler {
  sample(): void;
  stop(): number | undefined;
}

/** Polls `read()` every {@link MEMORY_SAMPLE_MS} ms and keeps the maximum. */
export function startSampler(read: () => number | undefined): MemorySampler {
  let peak: number | undefined;
  const sample = (): void => {
    const v = read();
    if (v !== undefined && (peak === undefined || v > peak)) peak = v;
  };
  sample();
  const timer = setInterval(sample, MEMORY_SAMPLE_MS);
  timer.unref();
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** Samples this process's RSS while `work` runs. */
export async function withRssSampling<T>(work: () => Promise<T>): Promise<{ value: T; peakMemoryBytes: number | undefined }> {
  const sampler = startSampler(() => process.memoryUsage.rss());
  try {
    const value = await work();
    return { value, peakMemoryBytes: sampler.stop() };
  } finally {
    sampler.stop();
  }
}
