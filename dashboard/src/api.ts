/**
 * The collector's HTTP API as the dashboard uses it. Every request carries the credential as
 * `Authorization: Bearer`; the stream, which an EventSource cannot give headers, is opened with a
 * short-lived ticket obtained the same way (see `streamUrl`).
 */
import type {
  AlertEntry,
  AlertList,
  AlertRule,
  AlertRuleInput,
  NewShareLink,
  RefusedSite,
  RefusedSiteList,
  ShareLink,
  ShareLinkList,
  Site,
  SiteInput,
  SitePage,
  SiteQuery,
  StreamTicket,
} from '@cartpulse/protocol';
import type { Credential } from './credentials.js';
import { filterParam } from './filter.js';
import type { Filter, Snapshot } from './snapshot.js';

export type { NewShareLink, RefusedSite, ShareLink, Site, SiteInput, SitePage, SiteQuery };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Api {
  /** With a filter, the whole snapshot of only the sessions matching it (`&filter=channel:Email`). */
  snapshot(site: string, filter?: Filter | null): Promise<Snapshot>;
  sites(query?: SiteQuery): Promise<SitePage>;
  /** Registers a site, or replaces the registration of that id (`replaced`). */
  addSite(site: SiteInput): Promise<{ site: Site; replaced: boolean }>;
  removeSite(id: string): Promise<void>;
  /** Newest first, at most about 100. */
  refusedSites(): Promise<RefusedSite[]>;
  /**
   * A URL for `new EventSource(...)`: `/api/stream?site=…&ticket=…`, resuming after `lastEventId`. A filter
   * goes on both the ticket request and the stream.
   */
  streamUrl(site: string, lastEventId?: string, filter?: Filter | null): Promise<string>;
  shares(site: string): Promise<ShareLink[]>;
  createShare(site: string, label?: string): Promise<NewShareLink>;
  revokeShare(id: string): Promise<void>;
  /** The site's alert rules with their states (collector token only). */
  alerts(site: string): Promise<AlertEntry[]>;
  addAlert(rule: AlertRuleInput): Promise<AlertRule>;
  removeAlert(id: string): Promise<void>;
}

export function createApi(credential: Credential, fetcher: typeof fetch = fetch, base = ''): Api {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: T }> {
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
    return {
      status: response.status,
      data: (response.status === 204 ? undefined : await response.json()) as T,
    };
  }
  const call = async <T>(method: string, path: string, body?: unknown) =>
    (await request<T>(method, path, body)).data;
  const site = (id: string) => `site=${encodeURIComponent(id)}`;
  const view = (id: string, filter?: Filter | null) =>
    `${site(id)}${filter ? `&filter=${filterParam(filter)}` : ''}`;
  return {
    snapshot: (id, filter) => call('GET', `/api/realtime?${view(id, filter)}`),
    sites(query = {}) {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      const search = params.toString();
      return call('GET', `/api/sites${search ? `?${search}` : ''}`);
    },
    async addSite(input) {
      const { status, data } = await request<Site>('POST', '/api/sites', input);
      return { site: data, replaced: status === 200 };
    },
    removeSite: async (id) => void (await call('DELETE', `/api/sites/${encodeURIComponent(id)}`)),
    refusedSites: async () => (await call<RefusedSiteList>('GET', '/api/sites/refused')).refused,
    async streamUrl(id, lastEventId, filter) {
      const { ticket } = await call<StreamTicket>('POST', `/api/stream/ticket?${view(id, filter)}`);
      const resume = lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : '';
      return `${base}/api/stream?${view(id, filter)}&ticket=${encodeURIComponent(ticket)}${resume}`;
    },
    shares: async (id) => (await call<ShareLinkList>('GET', `/api/shares?${site(id)}`)).shares,
    createShare: (id, label) => call('POST', '/api/shares', { site: id, label }),
    revokeShare: (id) => call('DELETE', `/api/shares/${encodeURIComponent(id)}`),
    alerts: async (id) => (await call<AlertList>('GET', `/api/alerts?${site(id)}`)).alerts,
    addAlert: (rule) => call('POST', '/api/alerts', rule),
    removeAlert: async (id) => void (await call('DELETE', `/api/alerts/${encodeURIComponent(id)}`)),
  };
}
