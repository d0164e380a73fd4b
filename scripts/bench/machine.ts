import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${availableParallelism()} CPUs (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/**
 * Samples the 1-minute load average every 5 s while the bench runs: on a shared machine the
 * absolute figures depend on it, so the report states it beside them.
 */
export function watchLoad(): { describe(): string; stop(): void } {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), 5000);
  timer.unref();
  return {
    describe() {
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
      return `load average (1 min) during the run: min ${at(0)}, median ${at(0.5)}, max ${at(1)} (${samples.length} samples; other jobs share this machine)`;
    },
    stop: () => clearInterval(timer),
  };
}
