import { AsyncLocalStorage } from 'node:async_hooks';

/** What one logical call (all its SDK attempts) has seen so far; shared with the fetch wrapper. */
export interface CallState {
  /** Epoch ms after which the call is abandoned. */
  deadline: number;
  attempts: number;
  /** Last HTTP error status, so a deadline hit while retrying a 429/5xx reports that cause. */
  lastStatus?: number;
  /** Set when an attempt failed to connect at all (refused, reset, DNS). */
  connectionFailed?: boolean;
}

const current = new AsyncLocalStorage<CallState>();

/** Thrown when the overall deadline passes before the SDK settles. */
export class DeadlineExceeded extends Error {
  constructor(readonly state: CallState) {
    super('LLM call deadline exceeded');
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Runs `work` under one deadline covering every retry. The SDK's own `timeout` applies per
 * attempt and its retry sleeps are not abortable, so the race below is what guarantees the
 * caller gets control back on time; the abort signal then stops the HTTP request underneath.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T; state: CallState }> {
  const controller = new AbortController();
  const state: CallState = { deadline: Date.now() + timeoutMs, attempts: 0 };
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineExceeded(state));
    }, timeoutMs);
  });
  const running = current.run(state, () => work(controller.signal));
  running.catch(() => undefined); // the loser of the race must not become an unhandled rejection
  try {
    return { value: await Promise.race([running, expired]), state };
  } catch (e) {
    if (e && typeof e === 'object') Object.assign(e, { callState: state });
    throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Milliseconds the server asked us to wait, from retry-after-ms or Retry-After (seconds or date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? date - now : undefined;
}

/**
 * A fetch for the SDK that counts attempts and, when a 429/5xx asks for a wait that would end
 * after our deadline, marks the response `x-should-retry: false` (a header the SDK obeys), so
 * the SDK reports the error at once instead of sleeping through the deadline.
 */
export function deadlineAwareFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const state = current.getStore();
    if (state) state.attempts += 1;
    let res: Response;
    try {
      res = await base(input, init);
    } catch (e) {
      if (state && !init?.signal?.aborted) state.connectionFailed = true;
      throw e;
    }
    if (!state || res.ok) return res;
    state.lastStatus = res.status;
    const wait = retryAfterMs(res.headers);
    if (wait === undefined || Date.now() + wait < state.deadline) return res;
    const headers = new Headers(res.headers);
    headers.set('x-should-retry', 'false');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
