import { Agent, fetch, type Response } from 'undici';
import { FeedError, megabytes } from '../feed-error.js';
import { isPrivateAddress } from './address-policy.js';
import { guardedLookup } from './guarded-lookup.js';
import { describeFetchFailure } from './fetch-failure.js';
import { checkFetchUrl } from './fetch-url.js';
import type { RequestGate } from './request-gate.js';

/** The limits every feed and article request obeys (config `feedPolling:`). */
export interface HttpLimits {
  connectTimeoutMs: number;
  /** For one request, from sending it to the last byte of its body. */
  timeoutMs: number;
  /** After decompression, so a small gzip bomb is stopped as early as a large plain body. */
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
  allowPrivateNetworks: boolean;
}

/** Validators from the previous response, sent back so an unchanged feed costs a 304. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface HttpResult {
  /** 2xx with a body, or 304 (body empty). */
  status: number;
  body: Buffer;
  contentType?: string;
  validators: Validators;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
  /** Where the permanent redirects (301, 308) at the start of the chain lead: the feed's new address. */
  movedTo?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Hop = { redirect: string; status: number } | { result: Omit<HttpResult, 'finalUrl' | 'movedTo'> };

/**
 * GET over undici with every limit a server-side fetch of a user's URL needs: one request per
 * host at a time and a global cap (the gate), connect and total timeouts, a body cap, redirects
 * followed by hand (each hop's address checked again, at most `maxRedirects`, loops refused),
 * gzip and brotli, and, unless private networks are allowed, no connection to a private address.
 */
export class FeedHttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly limits: HttpLimits,
    private readonly gate: RequestGate,
    /** Which addresses count as private: the real ranges, narrowed only by tests that need a "public" loopback host. */
    private readonly isBlocked: (address: string) => boolean = isPrivateAddress,
  ) {
    this.agent = new Agent({
      connect: {
        timeout: limits.connectTimeoutMs,
        ...(limits.allowPrivateNetworks ? {} : { lookup: guardedLookup(isBlocked) }),
      },
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
      keepAliveTimeout: 4_000,
    });
  }

  async get(url: string, opts: { accept: string; validators?: Validators; signal?: AbortSignal }): Promise<HttpResult> {
    let current = checkFetchUrl(url, this.limits.allowPrivateNetworks, this.isBlocked);
    const seen = new Set([current.href]);
    let movedTo: string | undefined;
    let stillPermanent = true;
    for (let hops = 0; ; hops++) {
      const target = current;
      const hop = await this.gate.run(target.hostname, () => this.once(target, opts));
      if ('result' in hop) return { ...hop.result, finalUrl: current.href, movedTo };
      if (hops >= this.limits.maxRedirects)
        throw new FeedError('redirects', `too many redirects (more than ${this.limits.maxRedirects})`);
      let next: URL;
      try {
        next = checkFetchUrl(new URL(hop.redirect, current).href, this.limits.allowPrivateNetworks, this.isBlocked);
      } catch (e) {
        if (e instanceof FeedError) throw new FeedError(e.kind, `redirected to a refused address: ${e.message}`);
        throw new FeedError('http', `HTTP ${hop.status} with an unusable Location header`, { status: hop.status });
      }
      if (seen.has(next.href)) throw new FeedError('redirects', `redirect loop (back to ${next.href})`);
      seen.add(next.href);
      if (stillPermanent && (hop.status === 301 || hop.status === 308)) movedTo = next.href;
      else stillPermanent = false;
      current = next;
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** One request, inside the gate: headers, status handling and the capped body. */
  private async once(url: URL, opts: { accept: string; validators?: Validators; signal?: AbortSignal }): Promise<Hop> {
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      'user-agent': this.limits.userAgent,
      accept: opts.accept,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.validators?.etag) headers['if-none-match'] = opts.validators.etag;
    if (opts.validators?.lastModified) headers['if-modified-since'] = opts.validators.lastModified;
    const fail = (e: unknown) =>
      describeFetchFailure(e, {
        timedOut: timeout.aborted,
        stopped: opts.signal?.aborted ?? false,
        limits: this.limits,
      });
    let res: Response;
    try {
      res = await fetch(url.href, { dispatcher: this.agent, redirect: 'manual', headers, signal });
    } catch (e) {
      throw fail(e);
    }
    const validators = {
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
    };
    if (REDIRECTS.has(res.status)) {
      await discard(res);
      const location = res.headers.get('location');
      if (!location)
        throw new FeedError('http', `HTTP ${res.status} without a Location header`, { status: res.status });
      return { redirect: location, status: res.status };
    }
    if (res.status === 304) {
      await discard(res);
      return { result: { status: 304, body: Buffer.alloc(0), validators } };
    }
    if (res.status < 200 || res.status > 299) {
      await discard(res);
      const wait = retryAfterMs(res.headers.get('retry-after'));
      if ((res.status === 429 || res.status === 503) && wait !== undefined) {
        throw new FeedError(
          'rate_limited',
          `HTTP ${res.status}: the server asked to wait ${Math.round(wait / 1000)} s`,
          { status: res.status, retryAfterMs: wait },
        );
      }
      throw new FeedError('http', `HTTP ${res.status}`, { status: res.status });
    }
    let body: Buffer;
    try {
      body = await readCapped(res, this.limits.maxBodyBytes);
    } catch (e) {
      throw e instanceof FeedError ? e : fail(e);
    }
    return {
      result: { status: res.status, body, contentType: res.headers.get('content-type') ?? undefined, validators },
    };
  }
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/** The body, refused as soon as it passes `max` bytes (declared or counted). */
async function readCapped(res: Response, max: number): Promise<Buffer> {
  const tooLarge = () => new FeedError('too_large', `too large: more than ${megabytes(max)}`);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await discard(res);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
