import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Discord sends a fresh timestamp with each request; one further than this from our clock is a replay. */
export const MAX_SKEW_SEC = 5 * 60;

/**
 * Checks Discord's signature on an HTTP interaction: Ed25519 over `timestamp + raw body`,
 * hex-encoded in X-Signature-Ed25519, against the application's public key (node:crypto has
 * Ed25519 built in). Anything missing, malformed, stale or not matching is refused.
 */
export function interactionVerifier(
  publicKeyHex: string,
  now: () => number = Date.now,
): (timestamp: string | undefined, signature: string | undefined, body: Buffer) => boolean {
  const key: KeyObject = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
    format: 'jwk',
  });
  return (timestamp, signature, body) => {
    if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature || !/^[0-9a-f]{128}$/i.test(signature)) return false;
    if (Math.abs(now() / 1000 - Number(timestamp)) > MAX_SKEW_SEC) return false;
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  };
}
