import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/** SLACK_TOKEN_KEY as bytes: 64 hex characters or base64(url) of 32 bytes (the schema has checked it). */
export function parseTokenKey(key: string): Buffer {
  const k = key.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(k) ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64');
  if (bytes.length !== 32) throw new Error('SLACK_TOKEN_KEY must be 32 bytes (64 hex characters or base64)');
  return bytes;
}

/**
 * Seals tokens at rest with AES-256-GCM: a fresh 96-bit IV per value, the tag checked on open, and
 * the row's key as associated data, so a sealed token copied into another workspace's row does not
 * open there. Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url), leaving room for a later scheme.
 */
export class TokenCipher {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = parseTokenKey(key);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Throws when the key is wrong, the value was altered, or it belongs to another row. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed token');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
