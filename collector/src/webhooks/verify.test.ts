import { describe, expect, it } from 'vitest';
import { validSignature, webhookSignature } from './verify.js';

const body = new TextEncoder().encode('hello');
// printf hello | openssl dgst -sha256 -hmac secret -binary | base64
const SIGNED = 'iKqz7ejTrflNJquQ07r9SiCDBww7zOnAFO4EpEOEfAs=';

describe('webhook signatures', () => {
  it('are the base64 HMAC-SHA256 of the raw body', () => {
    expect(webhookSignature(body, 'secret')).toBe(SIGNED);
    expect(validSignature(body, 'secret', SIGNED)).toBe(true);
    expect(validSignature(body, 'secret', ` ${SIGNED} `)).toBe(true);
  });

  it('refuse another body, another secret, no secret, no or a malformed signature', () => {
    expect(validSignature(new TextEncoder().encode('hello '), 'secret', SIGNED)).toBe(false);
    expect(validSignature(body, 'Secret', SIGNED)).toBe(false);
    expect(validSignature(body, undefined, SIGNED)).toBe(false);
    expect(validSignature(body, '', SIGNED)).toBe(false);
    expect(validSignature(body, 'secret', undefined)).toBe(false);
    expect(validSignature(body, 'secret', '')).toBe(false);
    expect(validSignature(body, 'secret', SIGNED.slice(0, -2))).toBe(false);
    expect(validSignature(body, 'secret', Buffer.from(SIGNED, 'base64').toString('hex'))).toBe(false);
    expect(validSignature(body, 'secret', `${SIGNED}${SIGNED}`)).toBe(false);
  });
});
