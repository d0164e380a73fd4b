import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** An application's Ed25519 key pair, as the Developer Portal holds it: the public half as 64 hex characters. */
export function discordKeyPair(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { publicKeyHex: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

export interface SignedInteractionOptions {
  privateKey: KeyObject;
  /** Seconds since the epoch; now by default. */
  timestampSec?: number;
  signature?: string;
  omitSignature?: boolean;
  omitTimestamp?: boolean;
  /** Sign this body but send another (tampering). */
  signedBody?: string;
}

/** POSTs an interaction the way Discord does: X-Signature-Ed25519 over timestamp + raw body. */
export async function postInteraction(
  url: string,
  payload: unknown,
  o: SignedInteractionOptions,
): Promise<{ status: number; json: any }> {
  const body = JSON.stringify(payload);
  const ts = String(o.timestampSec ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!o.omitTimestamp) headers['x-signature-timestamp'] = ts;
  if (!o.omitSignature)
    headers['x-signature-ed25519'] =
      o.signature ?? sign(null, Buffer.from(ts + (o.signedBody ?? body)), o.privateKey).toString('hex');
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
