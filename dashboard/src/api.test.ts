import { describe, expect, it } from 'vitest';
import { createApi, HttpError } from './api.js';

/** A fetch that records each request and answers from `reply`. */
function fakeFetch(reply: (url: string, init: RequestInit) => { status: number; body?: unknown }) {
  const requests: { url: string; method: string; body?: unknown; auth?: string }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    requests.push({
      url,
      method: init.method ?? 'GET',
      body: init.body ? JSON.parse(init.body as string) : undefined,
      auth: headers.authorization,
    });
    const { status, body } = reply(url, init);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { fetcher, requests };
}

const credential = { kind: 'token' as const, token: 'secret' };

describe('api: sites', () => {
  it('lists a page with the query, cursor and limit given, and no empty parameters', async () => {
    const answer = { sites: [{ id: 'a', name: 'A', timezone: 'UTC', origins: [] }], total: 7, next: 'a' };
    const { fetcher, requests } = fakeFetch(() => ({ status: 200, body: answer }));
    const api = createApi(credential, fetcher);
    expect(await api.sites({ q: 'my shop', cursor: 'shop-9', limit: 100 })).toEqual(answer);
    await api.sites({ q: '' });
    await api.sites();
    expect(requests.map((r) => r.url)).toEqual([
      '/api/sites?q=my+shop&cursor=shop-9&limit=100',
      '/api/sites',
      '/api/sites',
    ]);
    expect(requests[0].auth).toBe('Bearer secret');
  });

  it('registers a site and tells a new registration from a replaced one', async () => {
    const stored = { id: 'my-shop', name: 'My Shop', timezone: 'Europe/Berlin', origins: [] };
    let status = 201;
    const { fetcher, requests } = fakeFetch(() => ({ status, body: stored }));
    const api = createApi(credential, fetcher);
    expect(await api.addSite({ id: 'my-shop', name: 'My Shop' })).toEqual({ site: stored, replaced: false });
    status = 200;
    expect((await api.addSite({ id: 'my-shop' })).replaced).toBe(true);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/sites',
      body: { id: 'my-shop', name: 'My Shop' },
    });
  });

  it("passes the collector's 400 message on", async () => {
    const { fetcher } = fakeFetch(() => ({ status: 400, body: { error: 'timezone must be an IANA name' } }));
    const failure = await createApi(credential, fetcher)
      .addSite({ id: 'x', timezone: 'Mars/Olympus' })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 400, message: 'timezone must be an IANA name' });
  });

  it('removes a site by its escaped id and reads the refused ids', async () => {
    const refused = [{ site: 'typo', events: 3, lastAt: 1 }];
    const { fetcher, requests } = fakeFetch((url) =>
      url.endsWith('/refused')
        ? { status: 200, body: { refused } }
        : { status: 200, body: { deleted: 'a:b' } },
    );
    const api = createApi(credential, fetcher);
    await api.removeSite('a:b');
    expect(await api.refusedSites()).toEqual(refused);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /api/sites/a%3Ab',
      'GET /api/sites/refused',
    ]);
  });
});

describe('api: live numbers', () => {
  const filter = { dimension: 'channel' as const, value: 'Organic Search' };

  it('asks for the realtime snapshot with the filter, and without one when none is set', async () => {
    const { fetcher, requests } = fakeFetch(() => ({ status: 200, body: { site: 'my shop' } }));
    const api = createApi(credential, fetcher);
    await api.snapshot('my shop', filter);
    await api.snapshot('my shop', null);
    await api.snapshot('my shop');
    expect(requests.map((r) => r.url)).toEqual([
      '/api/realtime?site=my%20shop&filter=channel:Organic%20Search',
      '/api/realtime?site=my%20shop',
      '/api/realtime?site=my%20shop',
    ]);
  });

  it('passes the filter on the ticket request and the stream URL, beside the resume point', async () => {
    const { fetcher, requests } = fakeFetch(() => ({ status: 200, body: { ticket: 't/1' } }));
    const api = createApi(credential, fetcher, 'http://collector');
    expect(await api.streamUrl('shop', 'v9', { dimension: 'country', value: 'DE' })).toBe(
      'http://collector/api/stream?site=shop&filter=country:DE&ticket=t%2F1&lastEventId=v9',
    );
    expect(await api.streamUrl('shop')).toBe('http://collector/api/stream?site=shop&ticket=t%2F1');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST http://collector/api/stream/ticket?site=shop&filter=country:DE',
      'POST http://collector/api/stream/ticket?site=shop',
    ]);
    expect(requests[0].auth).toBe('Bearer secret');
  });
});
