import { FeedError } from '../feed-error.js';
import { isPrivateAddress, literalAddress } from './address-policy.js';

/**
 * A URL a feed request may go to: http or https only, no user name or password, and (unless
 * private networks are allowed) no literal private (`isBlocked`) address. Names are checked when they resolve,
 * at connect time (guarded-lookup.ts), since a connection to a literal IP never looks one up.
 */
export function checkFetchUrl(
  raw: string,
  allowPrivateNetworks: boolean,
  isBlocked: (address: string) => boolean = isPrivateAddress,
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedError('blocked', `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FeedError('blocked', `only http and https URLs are fetched (got ${url.protocol.replace(/:$/, '')})`);
  if (url.username || url.password) throw new FeedError('blocked', 'URLs with a user name or password are not fetched');
  const literal = literalAddress(url.hostname);
  if (!allowPrivateNetworks && literal && isBlocked(literal))
    throw new FeedError('blocked', privateMessage(url.hostname, literal));
  url.hash = '';
  return url;
}

export function privateMessage(hostname: string, address: string): string {
  const where = hostname.replace(/^\[|\]$/g, '') === address ? address : `${hostname} (${address})`;
  return `refused: ${where} is a private or local address; set FEEDS_ALLOW_PRIVATE_NETWORKS=true to allow intranet feeds`;
}
