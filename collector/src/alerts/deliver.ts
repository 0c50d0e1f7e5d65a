/**
 * One delivery attempt: a POST of the body to the webhook with Node's fetch, signed, within a timeout.
 * A 2xx is delivered; a 5xx, a 429, a network error or a timeout is worth retrying; any other answer
 * (a 4xx: the receiver refuses it; a 3xx: redirects are not followed, so a webhook cannot bounce the
 * collector elsewhere) is not.
 */
import pkg from '../../package.json' with { type: 'json' };
import { DELIVERY_TIMEOUT_MS } from './constants.js';
import type { Attempt } from './outbox.js';
import { signatureOf } from './payload.js';

export interface PostOptions {
  secret: string;
  /** @default DELIVERY_TIMEOUT_MS (5 s) */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export async function postWebhook(webhook: string, body: string, options: PostOptions): Promise<Attempt> {
  const { secret, timeoutMs = DELIVERY_TIMEOUT_MS, fetch: send = fetch } = options;
  try {
    const response = await send(webhook, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': `Cartpulse-Alerts/${pkg.version}`,
        'x-cartpulse-signature': signatureOf(secret, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {}); // the answer's body means nothing to us
    if (response.ok) return { ok: true, retry: false, status: response.status, error: null };
    const retry = response.status >= 500 || response.status === 429;
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    return { ok: false, retry, status: response.status, error: `HTTP ${response.status}${redirect}` };
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return {
      ok: false,
      retry: true,
      status: null,
      error: timedOut ? `timed out after ${timeoutMs / 1000} s` : networkError(error),
    };
  }
}

/** fetch's "fetch failed" with its cause (`connect ECONNREFUSED 127.0.0.1:9`): never the URL's query. */
function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
