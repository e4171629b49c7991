/** Samples `process.memoryUsage().rss` every `everyMs` while work runs; the worker thread's memory is part of this process's RSS. */
export function rssSampler(everyMs = 50): { stop(): { peakMB: number; startMB: number; samples: number } } {
  const startMB = process.memoryUsage().rss / 2 ** 20;
  let peak = startMB;
  let samples = 0;
  const timer = setInterval(() => {
    samples++;
    peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
      return { peakMB: peak, startMB, samples };
    },
  };
}
