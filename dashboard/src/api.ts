/**
 * The collector's HTTP API as the dashboard uses it. Every request carries the credential as
 * `Authorization: Bearer`; the stream, which an EventSource cannot give headers, is opened with a
 * short-lived ticket obtained the same way (see `streamUrl`).
 */
import type { Credential } from './credentials.js';
import type { Snapshot } from './snapshot.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ShareLink {
  id: string;
  site: string;
  label?: string;
  createdAt: number;
  /** Only in the answer to `createShare`: the secret is shown once. */
  token?: string;
  path?: string;
}

export interface Api {
  snapshot(site: string): Promise<Snapshot>;
  sites(): Promise<string[]>;
  /** A URL for `new EventSource(...)`: `/api/stream?site=…&ticket=…`, resuming after `lastEventId`. */
  streamUrl(site: string, lastEventId?: string): Promise<string>;
  shares(site: string): Promise<ShareLink[]>;
  createShare(site: string, label?: string): Promise<ShareLink>;
  revokeShare(id: string): Promise<void>;
}

export function createApi(credential: Credential, fetcher: typeof fetch = fetch, base = ''): Api {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${credential.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetcher(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let message = `${response.status} ${response.statusText}`;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {}
      throw new HttpError(response.status, message);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  const site = (id: string) => `site=${encodeURIComponent(id)}`;
  return {
    snapshot: (id) => call('GET', `/api/realtime?${site(id)}`),
    sites: async () => (await call<{ sites: string[] }>('GET', '/api/sites')).sites,
    async streamUrl(id, lastEventId) {
      const { ticket } = await call<{ ticket: string }>('POST', `/api/stream/ticket?${site(id)}`);
      const resume = lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : '';
      return `${base}/api/stream?${site(id)}&ticket=${encodeURIComponent(ticket)}${resume}`;
    },
    shares: async (id) => (await call<{ shares: ShareLink[] }>('GET', `/api/shares?${site(id)}`)).shares,
    createShare: (id, label) => call('POST', '/api/shares', { site: id, label }),
    revokeShare: (id) => call('DELETE', `/api/shares/${encodeURIComponent(id)}`),
  };
}
