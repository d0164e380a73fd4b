import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isPrivateAddress } from './address-policy.js';

/** A resolved name that leads to an address feeds may not reach. */
export class PrivateAddressError extends Error {
  readonly code = 'BRIEFBOT_PRIVATE_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, a private or local address`);
    this.name = 'PrivateAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that refuses names resolving to a blocked address (private ones
 * by default). It runs for the connection itself, so the address checked is the address connected
 * to: a name that resolves to a public address for a pre-check and to 127.0.0.1 a moment later
 * (DNS rebinding) is still refused. Every address of the name is checked, not only the first.
 */
export function guardedLookup(isBlocked: (address: string) => boolean = isPrivateAddress) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => isBlocked(a.address));
      if (bad) return callback(new PrivateAddressError(hostname, bad.address) as unknown as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
