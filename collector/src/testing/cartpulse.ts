/** Test helper: a private Redis plus a running Cartpulse on free ports, stopped after the suite. */
import { afterAll } from 'vitest';
import type { CartpulseOptions } from '../config.js';
import { createLogger } from '../log.js';
import { type RunningCartpulse, type StartHooks, startCartpulse } from '../server.js';
import { type PrivateCluster, privateCluster } from './cluster.js';
import { type PrivateRedis, privateRedis } from './redis.js';

export const TEST_TOKEN = 'test-token';

export async function testCartpulse(
  overrides: Partial<CartpulseOptions> = {},
  hooks: StartHooks = {},
): Promise<RunningCartpulse & { redisUrl: string; redisServer: PrivateRedis }> {
  const redis = await privateRedis();
  const running = await startTestCartpulse({ ...overrides, redisUrl: redis.url }, hooks);
  return { ...running, redisUrl: redis.url, redisServer: redis };
}

/** The same on a private three-master Redis Cluster. */
export async function testClusterCartpulse(
  overrides: Partial<CartpulseOptions> = {},
  hooks: StartHooks = {},
): Promise<RunningCartpulse & { cluster: PrivateCluster }> {
  const cluster = await privateCluster();
  const running = await startTestCartpulse({ ...overrides, clusterNodes: cluster.nodes }, hooks);
  return { ...running, cluster };
}

async function startTestCartpulse(overrides: Partial<CartpulseOptions>, hooks: StartHooks) {
  // Suites send events for many made-up sites as fast as they can: any site, no rate limit, unless a
  // suite about those says otherwise. TEST_LOG_LEVEL=debug shows the collector's log.
  const running = await startCartpulse(
    {
      port: 0,
      host: '127.0.0.1',
      token: TEST_TOKEN,
      claimIdleMs: 2000,
      sites: ['*'],
      rateLimit: 1e9,
      registryRefreshMs: 200,
      redisUrl: '',
      ...overrides,
    },
    { log: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false }), ...hooks },
  );
  afterAll(() => running.stop());
  return running;
}

/** A browser's User-Agent: requests with Node's own are (rightly) taken for a bot and counted nowhere. */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json().catch(() => null),
  };
}

/** @param filter `<dimension>:<value>`, for the snapshot of one breakdown row */
export async function getSnapshot(url: string, site: string, token = TEST_TOKEN, filter?: string) {
  const query = filter === undefined ? '' : `&filter=${encodeURIComponent(filter)}`;
  const response = await fetch(`${url}/api/realtime?site=${encodeURIComponent(site)}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`realtime answered ${response.status}`);
  return response.json();
}

/** Registers a site through `POST /api/sites`, as a shop owner would (the dashboard lists it then). */
export async function registerSite(url: string, site: Record<string, unknown> & { id: string }) {
  const response = await fetch(`${url}/api/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(site),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`registering ${site.id} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
