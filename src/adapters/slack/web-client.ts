import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { DeliveryError } from '../delivery-error.js';
import { normalizeApiUrl } from './config.js';
import { toSlackLogger } from './slack-logger.js';

export type WebClient = webApi.WebClient;

/**
 * Client options chosen on purpose. The library's default retries (ten, over half an hour) would
 * also retry timeouts and 5xx answers, where Slack may already have posted the message: a retry
 * there is a duplicate digest. So the client retries nothing and rejects a 429 at once; our own
 * `withRateLimit` waits out Retry-After and retries only that case, since a 429 means Slack did
 * not take the message. Everything else goes to the delivery ledger, which can look for the marker.
 */
export function slackClientOptions(apiUrl: string | undefined, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: normalizeApiUrl(apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger: toSlackLogger(logger.child({ component: 'slack-web-api' })),
  };
}

export function createWebClient(token: string, apiUrl: string | undefined, logger: Logger): WebClient {
  return new webApi.WebClient(token, slackClientOptions(apiUrl, logger));
}

export interface RateLimitPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** A Retry-After longer than this is not waited out here; the caller gets a DeliveryError instead. */
  maxWaitMs: number;
}

const DEFAULT_POLICY: RateLimitPolicy = { attempts: 4, maxWaitMs: 60_000 };

/** Runs a Web API call, waiting out `Retry-After` on a 429 and trying again, within the policy. */
export async function withRateLimit<T>(
  call: () => Promise<T>,
  policy: RateLimitPolicy = DEFAULT_POLICY,
  logger?: Logger,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!isRateLimited(e)) throw e;
      const waitMs = Math.max(0, e.retryAfter) * 1000;
      if (attempt >= policy.attempts || waitMs > policy.maxWaitMs) {
        throw new DeliveryError('rate_limited', `Slack rate limit: retry after ${e.retryAfter}s`, false, waitMs);
      }
      logger?.warn({ retryAfterSec: e.retryAfter, attempt }, 'slack rate limited; waiting before retry');
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

function isRateLimited(e: unknown): e is webApi.WebAPIRateLimitedError {
  return (e as { code?: string })?.code === webApi.ErrorCode.RateLimitedError;
}

/** Slack error codes that will not go away by trying again later. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'team_added_to_org',
]);

/**
 * Classifies a Web API failure: platform refusals (not_in_channel, channel_not_found,
 * is_archived, invalid_auth, account_inactive, missing_scope, …) are permanent; 5xx answers,
 * timeouts and network errors are not.
 */
export function toDeliveryError(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const err = e as {
    code?: string;
    data?: { error?: string; needed?: string };
    statusCode?: number;
    original?: { code?: string; message?: string };
    message?: string;
  };
  switch (err?.code) {
    case webApi.ErrorCode.PlatformError: {
      const code = err.data?.error ?? 'unknown_error';
      const hint = HINTS[code] ?? (err.data?.needed ? `needs scope ${err.data.needed}` : '');
      return new DeliveryError(
        code,
        `Slack refused the post: ${code}${hint ? ` (${hint})` : ''}`,
        !TRANSIENT_PLATFORM_ERRORS.has(code),
      );
    }
    case webApi.ErrorCode.HTTPError: {
      const status = err.statusCode ?? 0;
      return new DeliveryError(`http_${status}`, `Slack answered HTTP ${status}`, status < 500 && status !== 408);
    }
    case webApi.ErrorCode.RequestError: {
      const timedOut = err.original?.code === 'ECONNABORTED' || /timeout/i.test(err.original?.message ?? '');
      return new DeliveryError(
        timedOut ? 'timeout' : 'network',
        `Could not reach Slack: ${err.original?.message ?? err.message}`,
        false,
      );
    }
    default:
      return new DeliveryError('unknown', `Slack post failed: ${err?.message ?? String(e)}`, false);
  }
}

const HINTS: Record<string, string> = {
  not_in_channel: 'invite the bot to the channel with /invite',
  channel_not_found: 'the channel was deleted or the bot cannot see it',
  is_archived: 'the channel is archived',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid',
  account_inactive: 'the app was uninstalled or the token revoked',
  token_revoked: 'the app was uninstalled or the token revoked',
};
