import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;
const mb = (n: number) => Math.round((n / MB) * 10) / 10;

export interface Measured<T> {
  result: T;
  ms: number;
  baseRssMb: number;
  baseHeapMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Heap still in use right after a full GC, sampled every `liveEveryMs`: what the run really holds. */
  peakLiveHeapMb: number;
}

/** Runs `fn` after a full GC, sampling memory every 5 ms and the live heap every `liveEveryMs`. */
export async function measure<T>(fn: () => Promise<T>, liveEveryMs = 100): Promise<Measured<T>> {
  gc();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  let live = base.heapUsed;
  let ticks = 0;
  const every = Math.max(1, Math.round(liveEveryMs / 5));
  const sample = () => {
    if (++ticks % every === 0) {
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  try {
    const result = await fn();
    const ms = Math.round(performance.now() - start);
    sample();
    return { result, ms, baseRssMb: mb(base.rss), baseHeapMb: mb(base.heapUsed), peakRssMb: mb(rss), peakHeapMb: mb(heap), peakLiveHeapMb: mb(live) };
  } finally {
    clearInterval(timer);
  }
}
