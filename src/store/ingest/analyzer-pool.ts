import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Analysis } from '../../text/types.js';
import { startIngestWorker } from './start-worker.js';

/** The text analyser spread over worker threads; `analyze` has the Analyzer contract, made async. */
export interface AnalyzerPool {
  readonly size: number;
  analyze(text: string, published?: string): Promise<Analysis>;
  /** Stops the workers; analyses still running are rejected. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (a: Analysis) => void; reject: (e: Error) => void }>;
}

/**
 * Starts `size` workers (default: one per core but one, at least one) that each load the
 * analyser once. Requests go to the least busy worker. Idle workers do not keep the process alive.
 * Pass `pool.analyze` as the `analyze` of ingestPaths: it starts a batch's analyses together.
 */
export function createAnalyzerPool(opts: { size?: number } = {}): AnalyzerPool {
  const size = Math.max(1, opts.size ?? availableParallelism() - 1);
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = startIngestWorker('analyze-worker');
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (msg: { id: number; analysis?: Analysis; error?: string }) => {
      const waiter = slot.pending.get(msg.id);
      if (!waiter) return;
      slot.pending.delete(msg.id);
      if (slot.pending.size === 0) worker.unref();
      if (msg.error !== undefined) waiter.reject(new Error(msg.error));
      else waiter.resolve(msg.analysis!);
    });
    const fail = (error: Error) => {
      for (const waiter of slot.pending.values()) waiter.reject(error);
      slot.pending.clear();
      const index = slots.indexOf(slot);
      // A crashed worker is replaced, so one bad article does not shrink the pool.
      if (index >= 0 && !closed) slots[index] = spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`analysis worker stopped (exit code ${code})`));
    });
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    analyze(text, published) {
      if (closed) return Promise.reject(new Error('the analyzer pool is closed'));
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<Analysis>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.ref(); // keep the process alive while an answer is due
        slot.worker.postMessage({ id, text, published });
      });
    },
    async close() {
      closed = true;
      const error = new Error('the analyzer pool is closed');
      for (const slot of slots) {
        for (const waiter of slot.pending.values()) waiter.reject(error);
        slot.pending.clear();
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
