import { describe, expect, it } from 'vitest';
import { DeadlineExceeded, retryAfterMs, withDeadline } from '../../src/llm/call-deadline.js';
import { classifyError } from '../../src/llm/classify-error.js';

describe('withDeadline', () => {
  it('returns control at the deadline even when the work ignores its abort signal', async () => {
    const never = new Promise<never>(() => undefined);
    const err = await withDeadline(100, () => never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceeded);
    expect(classifyError(err)).toBe('timeout');
  });

  it('aborts the signal it handed to the work once the deadline passes', async () => {
    let signal: AbortSignal | undefined;
    await withDeadline(50, (s) => {
      signal = s;
      return new Promise(() => undefined);
    }).catch(() => undefined);
    expect(signal?.aborted).toBe(true);
  });

  it('passes the value through when the work finishes in time', async () => {
    const { value, state } = await withDeadline(5000, async () => 42);
    expect(value).toBe(42);
    expect(state.attempts).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, Retry-After in seconds and as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-03-14T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 14 Mar 2026 10:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
