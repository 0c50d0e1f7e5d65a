/**
 * deploy/cluster/docker-compose.yml without a Docker engine: it parses, every master runs with the
 * settings Cartpulse requires, the processes name every node, and the nodes' command, started here with
 * the init's `redis-cli --cluster create`, make a cluster Cartpulse counts on.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../redis/server.js';
import { startCartpulse } from '../server.js';
import { postJson, TEST_TOKEN } from '../testing/cartpulse.js';

const file = fileURLToPath(new URL('../../../deploy/cluster/docker-compose.yml', import.meta.url));
const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string | number> }>;
};
const nodes = ['redis-1', 'redis-2', 'redis-3'];

describe('deploy/cluster/docker-compose.yml', () => {
  it('runs three masters that keep what they acknowledge and never evict', () => {
    for (const name of nodes) {
      const command = compose.services[name].command?.join(' ') ?? '';
      expect(command).toContain('--cluster-enabled yes');
      expect(command).toContain('--appendonly yes --appendfsync always');
      expect(command).toContain('--maxmemory-policy noeviction');
    }
    expect(compose.services['cluster-init'].command?.join(' ')).toMatch(
      /redis-cli --cluster create[\s\S]*--cluster-yes/,
    );
  });

  it('points the collector and the consumers at every node', () => {
    for (const name of ['collector', 'consumer'])
      expect(String(compose.services[name].environment?.REDIS_CLUSTER_NODES).split(',')).toEqual(
        nodes.map((node) => `${node}:6379`),
      );
  });

  it('makes, run here as it is, a cluster Cartpulse starts on and counts with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cartpulse-compose-cluster-'));
    const [binary, ...args] = compose.services['redis-1'].command ?? [];
    const ports = [await freePort(), await freePort(), await freePort()];
    const children = ports.map((port) =>
      spawn(
        binary,
        [
          ...args,
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--appendfilename',
          `aof-${port}`,
          '--appenddirname',
          `aof-${port}`,
        ],
        {
          stdio: 'ignore',
        },
      ),
    );
    afterAll(() => {
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    await new Promise((r) => setTimeout(r, 300));
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await promisify(execFile)('redis-cli', [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    const running = await startCartpulse({
      clusterNodes: addresses,
      redisUrl: '',
      port: 0,
      host: '127.0.0.1',
      token: TEST_TOKEN,
      sites: ['*'],
    });
    afterAll(() => running.stop());
    await expect
      .poll(async () => (await fetch(`${running.url}/readyz`)).status, { timeout: 15_000 })
      .toBe(200);
    const answer = await postJson(running.url, {
      site: 'cluster-shop',
      events: [{ type: 'pageview', url: 'https://c.example/', vid: 'v', sid: 's' }],
    });
    expect(answer.status).toBe(202);
    await expect
      .poll(async () => (await running.context.snapshot('cluster-shop')).pageviews, { timeout: 15_000 })
      .toBe(1);
  });
});
