import { createHmac } from 'node:crypto';

/** Signs a request body exactly as Slack does: v0=HMAC-SHA256(secret, "v0:{ts}:{body}") in hex. */
export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** The form body Slack sends for a slash command. */
export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export interface SignedPostOptions {
  secret: string;
  /** Defaults to now. */
  timestampSec?: number;
  /** Overrides the computed signature (bad-signature tests). */
  signature?: string;
  omitSignature?: boolean;
  omitTimestamp?: boolean;
  /** Sign this body but send `body` (tampering tests). */
  signedBody?: string;
  contentType?: string;
}

/** POSTs a form body to the receiver with Slack's signing headers, as configured. */
export async function postSigned(
  url: string,
  body: string,
  opts: SignedPostOptions,
): Promise<{ status: number; text: string }> {
  const ts = opts.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' };
  if (!opts.omitTimestamp) headers['x-slack-request-timestamp'] = String(ts);
  if (!opts.omitSignature)
    headers['x-slack-signature'] = opts.signature ?? slackSignature(opts.secret, ts, opts.signedBody ?? body);
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** POSTs an Events API envelope as JSON, signed as Slack signs it. */
export function postEvent(
  url: string,
  envelope: Record<string, unknown>,
  secret: string,
): Promise<{ status: number; text: string }> {
  return postSigned(url, JSON.stringify(envelope), { secret, contentType: 'application/json' });
}
