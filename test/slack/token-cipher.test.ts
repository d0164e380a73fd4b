import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseTokenKey, TokenCipher } from '../../src/adapters/slack/oauth/token-cipher.js';

describe('bot tokens sealed at rest (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const cipher = new TokenCipher(key.toString('base64'));

  it('opens what it sealed, with a fresh IV each time, and never shows the token', () => {
    const a = cipher.seal('xoxb-secret-token', 'T:T1');
    const b = cipher.seal('xoxb-secret-token', 'T:T1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(cipher.open(a, 'T:T1')).toBe('xoxb-secret-token');
  });

  it('refuses a value altered, moved to another row, or opened with another key', () => {
    const sealed = cipher.seal('xoxb-secret-token', 'T:T1');
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'T:T1')).toThrow();
    expect(() => cipher.open(sealed, 'T:T2')).toThrow();
    expect(() => new TokenCipher(randomBytes(32).toString('hex')).open(sealed, 'T:T1')).toThrow();
    expect(() => cipher.open('plain-token', 'T:T1')).toThrow(/not a sealed token/);
  });

  it('takes the key as 64 hex characters or base64, and nothing shorter', () => {
    expect(parseTokenKey(key.toString('hex'))).toEqual(key);
    expect(parseTokenKey(key.toString('base64'))).toEqual(key);
    expect(() => parseTokenKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
