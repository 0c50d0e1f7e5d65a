/**
 * Delivery through trouble, asserted on what reaches a real collector and its Redis: a collector that
 * answers 503 for a while (its Redis stopped, then started again), a browser that goes offline, and an
 * answer lost after the collector had accepted the batch. One test at a time: they stop Redis and take
 * the whole browser offline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../../collector/src/redis/server.js';
import { startCartpulse } from '../../../collector/src/server.js';
import { TEST_TOKEN } from '../../../collector/src/testing/cartpulse.js';
import {
  BUILDS,
  countedUpTo,
  launchBrowser,
  mark,
  startFixtureServer,
  streamEvents,
  trackerReady,
} from './harness.js';

const redisDir = mkdtempSync(join(tmpdir(), 'cartpulse-redis-'));
const redis = await startRedisServer({ dir: redisDir });
const running = await startCartpulse({
  port: 0,
  host: '127.0.0.1',
  token: TEST_TOKEN,
  claimIdleMs: 2000,
  retryAfterSeconds: 1,
  sites: ['*'], // every fixture uses a site of its own
  redisUrl: redis.url,
});
const cartpulse = { ...running, redisUrl: redis.url };
const fixtures = await startFixtureServer(cartpulse.url);
const browser = await launchBrowser();
afterAll(async () => {
  await browser.close();
  await fixtures.close();
  await running.stop();
  await redis.stop();
  rmSync(redisDir, { recursive: true, force: true });
});

/** Runs `cartpulse.track(name)` in the page. */
const track = (page: Page, name: string) =>
  page.evaluate(
    (name) =>
      (window as unknown as { cartpulse: Record<string, (...args: unknown[]) => void> }).cartpulse.track(
        name,
      ),
    name,
  );
const names = (events: { type: string; name?: string }[]) =>
  events.filter((event) => event.type === 'event').map((event) => event.name);

/**
 * A proxy in front of the collector that forwards the first batch, and then drops the connection
 * instead of passing the collector's 202 on: the batch was stored, the browser never heard.
 */
async function losingProxy() {
  const posts: { ids: string[]; answered: boolean }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const forwarded = await fetch(`${cartpulse.url}${request.url}`, {
      method: request.method,
      headers: {
        'content-type': request.headers['content-type'] ?? 'text/plain',
        'user-agent': request.headers['user-agent'] ?? '',
        origin: request.headers.origin ?? '',
      },
      body: request.method === 'POST' ? body : undefined,
    });
    const answered = posts.length > 0;
    posts.push({ ids: JSON.parse(body).events.map((event: { id: string }) => event.id), answered });
    if (!answered) return request.socket.destroy();
    response.writeHead(forwarded.status, {
      'content-type': 'application/json',
      'access-control-allow-origin': request.headers.origin ?? '*',
    });
    response.end(await forwarded.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(BUILDS)('%s build', (build) => {
  it('delivers everything once the collector, answering 503 for a while, is back', async () => {
    const site = `outage-${build}`;
    const page = await browser.context.newPage();
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/ingest')) answers.push(response.status());
    });
    await redis.stop();
    try {
      await page.goto(fixtures.page('page', site, build));
      await trackerReady(page);
      await track(page, 'During the outage');
      await page.evaluate(() => (window as unknown as { cartpulse: { flush(): void } }).cartpulse.flush());
      await expect
        .poll(() => answers.filter((status) => status === 503).length, { timeout: 20_000 })
        .toBeGreaterThan(1);
    } finally {
      await redis.restart();
    }
    await mark(page, 'after');
    const snapshot = await countedUpTo(cartpulse.url, site, 'after');
    expect(snapshot.pageviews).toBe(1);
    expect(names(snapshot.recent)).toEqual(['after', 'During the outage']);
    await page.close();
  });

  it('keeps what it could not send while offline, and the next page sends it', async () => {
    const site = `offline-${build}`;
    const first = await browser.context.newPage();
    await first.goto(fixtures.page('page', site, build));
    await trackerReady(first);
    await browser.context.setOffline(true);
    try {
      await track(first, 'Offline, then back online');
      await first.evaluate(() => (window as unknown as { cartpulse: { flush(): void } }).cartpulse.flush());
      await first.waitForTimeout(300); // let the send fail
      await track(first, 'Offline when the tab closed');
      await first.close(); // the beacon would be lost offline: the outbox stays in localStorage
    } finally {
      await browser.context.setOffline(false);
    }
    const next = await browser.context.newPage();
    await next.goto(fixtures.page('page', site, build));
    await trackerReady(next);
    await mark(next, 'next page');
    const snapshot = await countedUpTo(cartpulse.url, site, 'next page');
    expect(snapshot.pageviews).toBe(2);
    expect(names(snapshot.recent).sort()).toEqual(
      ['Offline, then back online', 'Offline when the tab closed', 'next page'].sort(),
    );
    await next.close();
  });

  it('counts a retry once when its first attempt was in fact accepted', async () => {
    const site = `lost-answer-${build}`;
    const proxy = await losingProxy();
    const page = await browser.context.newPage();
    await page.goto(fixtures.page('page', site, build, { endpoint: `${proxy.url}/ingest` }));
    await trackerReady(page);
    await track(page, 'Once');
    await page.evaluate(() => (window as unknown as { cartpulse: { flush(): void } }).cartpulse.flush());
    await expect.poll(() => proxy.posts.length, { timeout: 20_000 }).toBeGreaterThan(1);
    await mark(page, 'done');
    const snapshot = await countedUpTo(cartpulse.url, site, 'done');
    expect(proxy.posts[1].ids.slice(0, 2)).toEqual(proxy.posts[0].ids);
    const stored = await streamEvents(cartpulse, site);
    expect(stored.filter((event) => event.type === 'pageview')).toHaveLength(2); // stored twice ...
    expect(snapshot.pageviews).toBe(1); // ... counted once
    expect(names(snapshot.recent)).toEqual(['done', 'Once']);
    await page.close();
    await proxy.close();
  });
});
