import type { BotPort } from './core/bot.js';
import { UserError } from './core/errors.js';
import type { Invocation } from './core/invocation.js';
import { textReply, type Reply } from './core/reply.js';

/** The one wording every door uses when it turns work away during shutdown. */
export const RESTARTING_TEXT = 'The bot is restarting; please try again in a moment.';

/** The reply a door gives a command that arrives once shutdown has begun. */
export function restartingReply(): Reply {
  return textReply(RESTARTING_TEXT, { errorCode: 'SHUTTING_DOWN', answered: false });
}

/**
 * Work the process has started and owes someone: command replies and digest posts. Shutdown waits
 * for it (within a deadline) before adapters disconnect and the store closes.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  /** Registers work already started. Tracked even after close(): it is owed. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Starts and tracks new work, or refuses it once shutdown has begun. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new UserError('SHUTTING_DOWN', RESTARTING_TEXT));
    return this.track(Promise.resolve().then(fn));
  }

  get accepting(): boolean {
    return !this.closed;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Refuses new work from now on. */
  close(): void {
    this.closed = true;
  }

  /** Waits until nothing is pending (work tracked meanwhile included) or the time is up. */
  async drain(timeoutMs: number): Promise<{ drained: boolean; pending: number }> {
    const until = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = until - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.pending]),
        new Promise((resolve) => (timer = setTimeout(resolve, left))),
      ]);
      clearTimeout(timer);
    }
    return { drained: this.pending.size === 0, pending: this.pending.size };
  }
}

/**
 * The bot as adapters should see it in a long-running process: each dispatch is tracked, and once
 * shutdown begins a new command gets an honest "restarting" reply instead of being half-done.
 */
export function trackedBot(bot: BotPort, inFlight: InFlight): BotPort {
  const restarting = () => Promise.resolve(restartingReply());
  // A Proxy rather than a copy of the interface, so members BotPort gains later pass through untouched.
  return new Proxy(bot, {
    get(target, prop, receiver) {
      if (prop === 'dispatch') {
        return (inv: Invocation): Promise<Reply> =>
          inFlight.accepting ? inFlight.run(() => target.dispatch(inv)) : restarting();
      }
      if (prop === 'dispatchText') {
        return (inv: Parameters<BotPort['dispatchText']>[0], text: string): Promise<Reply> =>
          inFlight.accepting ? inFlight.run(() => target.dispatchText(inv, text)) : restarting();
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
