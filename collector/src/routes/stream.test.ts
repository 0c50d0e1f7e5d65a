import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { createHub } from '../live/hub.js';
import { sharesFor } from '../shares/context.js';
import { postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';
import { readSse, type SseReader } from '../testing/sse.js';
import { streamRoutes } from './stream.js';

const auth = (token = TEST_TOKEN) => ({ authorization: `Bearer ${token}` });

describe('GET /api/stream', async () => {
  const cartpulse = await testCartpulse();
  const url = cartpulse.url;
  const open: SseReader[] = [];
  afterAll(async () => {
    await Promise.all(open.map((reader) => reader.close()));
  });

  async function connect(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}${path}`, { headers });
    const reader = readSse(response);
    open.push(reader);
    return { response, reader };
  }

  async function ticketFor(site: string, token = TEST_TOKEN) {
    const response = await fetch(`${url}/api/stream/ticket?site=${site}`, {
      method: 'POST',
      headers: auth(token),
    });
    return {
      status: response.status,
      body: (await response.json()) as { ticket: string; expiresAt: number },
    };
  }

  const pageview = (site: string, path: string) =>
    postJson(url, {
      site,
      events: [{ type: 'pageview', url: `https://shop.example${path}`, vid: 'v1', sid: 's1' }],
    });

  it('needs a token or a ticket', async () => {
    expect((await fetch(`${url}/api/stream?site=shop`)).status).toBe(401);
    expect((await fetch(`${url}/api/stream?site=shop&ticket=forged.x`)).status).toBe(401);
    expect((await fetch(`${url}/api/stream/ticket?site=shop`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${url}/api/stream?site=`, { headers: auth() })).status).toBe(400);
  });

  it('sends the snapshot at once, then a new one within moments of an event, with ids and retry', async () => {
    const { response, reader } = await connect('/api/stream?site=stream-a', auth());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect((await reader.next()).retry).toBe(2000);
    const first = await reader.until((m) => m.event === 'snapshot');
    expect(first.id).toMatch(/^[\w-]{16}$/);
    expect(JSON.parse(first.data)).toMatchObject({ site: 'stream-a', pageviews: 0 });
    await pageview('stream-a', '/one');
    const next = await reader.until((m) => m.event === 'snapshot' && JSON.parse(m.data).pageviews === 1);
    expect(next.id).not.toBe(first.id);
  });

  it('opens with a ticket bound to one site, and resumes from lastEventId', async () => {
    const { status, body } = await ticketFor('stream-b');
    expect(status).toBe(200);
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    expect((await fetch(`${url}/api/stream?site=other&ticket=${body.ticket}`)).status).toBe(403);
    const { reader } = await connect(`/api/stream?site=stream-b&ticket=${body.ticket}`);
    const first = await reader.until((m) => m.event === 'snapshot');
    const again = await connect(`/api/stream?site=stream-b&ticket=${body.ticket}&lastEventId=${first.id}`);
    const resumed = await again.reader.until((m) => m.event !== 'message');
    expect(resumed.event).toBe('unchanged');
    expect(resumed.id).toBe(first.id);
  });

  it('lets a share token stream its own site only', async () => {
    const link = await sharesFor(cartpulse.context).create('stream-c', 'TV', Date.now());
    expect((await ticketFor('stream-d', link.token)).status).toBe(403);
    expect((await fetch(`${url}/api/stream?site=stream-d`, { headers: auth(link.token) })).status).toBe(403);
    const { status, body } = await ticketFor('stream-c', link.token);
    expect(status).toBe(200);
    const { reader } = await connect(`/api/stream?site=stream-c&ticket=${body.ticket}`);
    expect(JSON.parse((await reader.until((m) => m.event === 'snapshot')).data).site).toBe('stream-c');
    await sharesFor(cartpulse.context).revoke(link.id);
    expect((await fetch(`${url}/api/stream?site=stream-c&ticket=${body.ticket}`)).status).toBe(401);
    expect((await ticketFor('stream-c', link.token)).status).toBe(401);
  });

  it('closes the streams of a revoked share link at the next heartbeat', async () => {
    const app = new Hono().route('/', streamRoutes(cartpulse.context, { heartbeatMs: 100 }));
    const link = await sharesFor(cartpulse.context).create('stream-e', undefined, Date.now());
    const response = await app.request('/api/stream?site=stream-e', { headers: auth(link.token) });
    const reader = readSse(response);
    open.push(reader);
    await reader.until((m) => m.comments.includes('heartbeat'));
    await sharesFor(cartpulse.context).revoke(link.id);
    await expect(reader.until(() => false, 10_000)).rejects.toThrow('stream ended');
  });

  it('serves 200 viewers of a site with one snapshot read per tick', async () => {
    let reads = 0;
    const counted: AppContext = {
      ...cartpulse.context,
      snapshot: (site, at) => {
        reads++;
        return cartpulse.context.snapshot(site, at);
      },
    };
    const hub = createHub({ read: (site) => counted.snapshot(site), tickMs: 250 });
    const app = new Hono().route('/', streamRoutes(counted, { hub }));
    const viewers = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const reader = readSse(await app.request('/api/stream?site=stream-f', { headers: auth() }));
        open.push(reader);
        return reader;
      }),
    );
    for (const reader of viewers) await reader.until((m) => m.event === 'snapshot');
    expect(hub.viewers('stream-f')).toBe(200);
    const before = reads;
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ticks = Math.ceil((Date.now() - started) / 250) + 1;
    // One read per tick for all 200 (fewer when reads are slow, as they never overlap); not 200 per tick.
    expect(reads - before).toBeGreaterThan(0);
    expect(reads - before).toBeLessThanOrEqual(ticks);
    await pageview('stream-f', '/all');
    for (const reader of viewers)
      await reader.until((m) => m.event === 'snapshot' && JSON.parse(m.data).pageviews === 1);
    await Promise.all(viewers.map((reader) => reader.close()));
    await expect.poll(() => hub.viewers(), { timeout: 10_000 }).toBe(0);
  });
});
