import { FeedError, seconds } from '../feed-error.js';
import type { HttpLimits } from './http-client.js';
import { PrivateAddressError } from './guarded-lookup.js';
import { privateMessage } from './fetch-url.js';

interface Coded {
  code?: string;
  message?: string;
  cause?: unknown;
}

/** The error and its causes, outermost first: undici wraps the socket's error in "fetch failed". */
function chain(e: unknown): Coded[] {
  const out: Coded[] = [];
  for (let c: unknown = e; c && typeof c === 'object' && out.length < 8; c = (c as Coded).cause) out.push(c as Coded);
  return out;
}

/**
 * A failed request in plain words. A stop (shutdown) is passed through unchanged, so the poller
 * can tell it from a failure of the feed.
 */
export function describeFetchFailure(
  e: unknown,
  ctx: { timedOut: boolean; stopped: boolean; limits: HttpLimits },
): unknown {
  if (ctx.stopped) return e;
  if (ctx.timedOut) return new FeedError('timeout', `timed out after ${seconds(ctx.limits.timeoutMs)}`);
  const causes = chain(e);
  const blocked = causes.find((c): c is PrivateAddressError => c instanceof PrivateAddressError);
  if (blocked) return new FeedError('blocked', privateMessage(blocked.hostname, blocked.address));
  const code = causes.map((c) => c.code).find(Boolean);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new FeedError('timeout', `could not connect within ${seconds(ctx.limits.connectTimeoutMs)}`);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new FeedError('timeout', `timed out after ${seconds(ctx.limits.timeoutMs)}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new FeedError('network', 'host not found (DNS)');
    case 'ECONNREFUSED':
      return new FeedError('network', 'could not connect: connection refused');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new FeedError('network', 'the server closed the connection');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FeedError('network', 'could not connect: host unreachable');
  }
  if (code && /CERT|TLS|SSL/.test(code)) return new FeedError('network', `TLS error (${code})`);
  const last = causes[causes.length - 1];
  return new FeedError('network', `request failed: ${last?.message ?? String(e)}`.slice(0, 200));
}
