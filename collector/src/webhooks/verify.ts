/**
 * The signature Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) put on a
 * webhook: the base64 HMAC-SHA256 of the raw body, keyed with the secret the site registered. Checked on
 * the exact bytes received, before any parsing, in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64 = /^[A-Za-z0-9+/]{43}=$/;

export function webhookSignature(raw: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}

/** True when `signature` is the body's HMAC-SHA256 with `secret`; false for none or any other. */
export function validSignature(raw: Uint8Array, secret: string | undefined, signature: string | undefined) {
  if (!secret || !signature || !BASE64.test(signature.trim())) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(signature.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
