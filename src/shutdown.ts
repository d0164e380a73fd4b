import { constants } from 'node:os';
import type { Logger } from 'pino';
import type { Readiness } from './http/readiness.js';
import type { InFlight } from './in-flight.js';

export { InFlight, trackedBot } from './in-flight.js';

/** One stage of the shutdown; a step that throws is logged, counted as a failure, and the next steps still run. */
export interface ShutdownStep {
  name: string;
  run(ctx: { remainingMs: number }): unknown;
}

export interface ShutdownOptions {
  signals?: NodeJS.Signals[];
  steps: ShutdownStep[];
  /** The whole shutdown must end within this; at the deadline the exit is forced with code 1. */
  deadlineMs: number;
  logger: Logger;
  exit?: (code: number) => void;
  /** Where signals come from; the process by default. */
  target?: NodeJS.EventEmitter;
}

export interface ShutdownHandle {
  /** Runs the steps (as a signal would) and exits; resolves to the exit code. Idempotent. */
  shutdown(reason: string): Promise<number>;
  readonly started: boolean;
  /** Removes the signal handlers (tests, or a CLI that exits on its own). */
  uninstall(): void;
}

/**
 * First signal: run the steps in order, then exit 0 (1 if a step failed or the deadline passed).
 * Second signal: the operator means it; exit at once with 128 + the signal number, as shells do.
 */
export function installShutdown(opts: ShutdownOptions): ShutdownHandle {
  const target = opts.target ?? process;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  let running: Promise<number> | undefined;
  let current = 'not started';

  const shutdown = (reason: string): Promise<number> => {
    running ??= (async () => {
      const started = Date.now();
      opts.logger.info({ reason, deadlineMs: opts.deadlineMs }, 'shutting down');
      const hardStop = setTimeout(() => {
        opts.logger.error({ step: current, deadlineMs: opts.deadlineMs }, 'shutdown deadline passed; forcing exit');
        exit(1);
      }, opts.deadlineMs);
      let failed = false;
      for (const step of opts.steps) {
        current = step.name;
        const stepStarted = Date.now();
        try {
          await step.run({ remainingMs: Math.max(0, opts.deadlineMs - (Date.now() - started)) });
          opts.logger.info({ step: step.name, ms: Date.now() - stepStarted }, 'shutdown step done');
        } catch (e) {
          failed = true;
          opts.logger.error({ step: step.name, err: e, ms: Date.now() - stepStarted }, 'shutdown step failed');
        }
      }
      clearTimeout(hardStop);
      const code = failed ? 1 : 0;
      opts.logger.info({ code, ms: Date.now() - started }, 'shutdown complete');
      exit(code);
      return code;
    })();
    return running;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (running) {
      const code = 128 + (constants.signals[signal] ?? 1);
      opts.logger.warn({ signal, step: current, code }, 'second signal during shutdown; exiting now');
      exit(code);
      return;
    }
    void shutdown(signal);
  };
  for (const s of signals) target.on(s, onSignal);

  return {
    shutdown,
    get started() {
      return running !== undefined;
    },
    uninstall() {
      for (const s of signals) target.off(s, onSignal);
    },
  };
}

export interface StandardShutdownParts {
  readiness?: Readiness;
  inFlight: InFlight;
  /** Stops that end intake of new work: the digest scheduler, file watchers. */
  stopIntake?: Array<() => unknown>;
  adapters?: ReadonlyArray<{ readonly platform: string; stop(): Promise<void> }>;
  store?: { close(): Promise<void> };
  opsServer?: { close(): Promise<void> };
  logger: Logger;
  /** Time kept back from the in-flight wait for the closing steps (default: a third of the deadline, at most 3 s). */
  closeReserveMs?: number;
}

/**
 * The order operations expects: stop being ready, stop intake, let owed work finish, disconnect,
 * close the store, and stop answering probes last so /readyz stays 503 to the end.
 */
export function standardShutdownSteps(parts: StandardShutdownParts): ShutdownStep[] {
  return [
    { name: 'readiness 503', run: () => parts.readiness?.beginShutdown() },
    {
      name: 'stop new work',
      run: async () => {
        parts.inFlight.close();
        for (const stop of parts.stopIntake ?? []) await stop();
      },
    },
    {
      name: 'finish in-flight work',
      run: async ({ remainingMs }) => {
        const reserve = parts.closeReserveMs ?? Math.min(3_000, Math.floor(remainingMs / 3));
        const { drained, pending } = await parts.inFlight.drain(Math.max(0, remainingMs - reserve));
        if (!drained)
          throw new Error(
            `${pending} command(s) or digest post(s) still running at the deadline; the delivery ledger resolves unfinished digests on the next start`,
          );
      },
    },
    {
      name: 'adapters stop',
      run: async () => {
        const results = await Promise.allSettled((parts.adapters ?? []).map((a) => a.stop()));
        const failed = results.flatMap((r, i) =>
          r.status === 'rejected' ? [`${parts.adapters![i].platform}: ${String(r.reason)}`] : [],
        );
        if (failed.length) throw new Error(`adapters failed to stop cleanly: ${failed.join('; ')}`);
      },
    },
    { name: 'store close', run: () => parts.store?.close() },
    { name: 'ops server close', run: () => parts.opsServer?.close() },
  ];
}
