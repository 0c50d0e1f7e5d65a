/**
 * Test helper: a private Redis Cluster of three masters for one suite, started the way an operator
 * would (`redis-server --cluster-enabled yes` ×3, then `redis-cli --cluster create … --cluster-yes`),
 * each node in a fresh temporary directory; stopped after the suite.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { afterAll } from 'vitest';
import { freePort } from '../redis/server.js';

const run = promisify(execFile);

export interface PrivateCluster {
  /** `127.0.0.1:<port>` of each master. */
  nodes: string[];
  ports: number[];
  stop(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`cluster: ${what} did not happen in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function privateCluster(masters = 3): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  for (let i = 0; i < masters; i++) {
    const port = await freePort();
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir);
    ports.push(port);
    children.push(
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          nodeDir,
          '--save',
          '',
          '--cluster-enabled',
          'yes',
        ],
        { stdio: 'ignore' },
      ),
    );
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  afterAll(stop);
  const nodes = ports.map((port) => `127.0.0.1:${port}`);
  for (const port of ports)
    await waitFor(async () => {
      const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
      redis.on('error', () => {});
      try {
        await redis.connect();
        return (await redis.ping()) === 'PONG';
      } finally {
        redis.disconnect();
      }
    }, `node ${port} answering`);
  await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
  for (const port of ports)
    await waitFor(async () => {
      const redis = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0 });
      redis.on('error', () => {});
      try {
        return /cluster_state:ok/.test(String(await redis.cluster('INFO')));
      } finally {
        redis.disconnect();
      }
    }, `node ${port} seeing the cluster ok`);
  return { nodes, ports, stop };
}

/**
 * Moves one hash slot to another master while clients keep working, the way `redis-cli --cluster
 * reshard` does it: the target imports, the source migrates, keys go over a few at a time with
 * MIGRATE (slowly, so that traffic meets the slot half-moved), then every master learns the new owner.
 * @returns the ports of the old and the new owner
 */
export async function migrateSlot(
  cluster: PrivateCluster,
  slot: number,
  { keysPerStep = 5, pauseMs = 20 } = {},
): Promise<{ from: number; to: number }> {
  const connect = (port: number) => {
    const redis = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0 });
    redis.on('error', () => {});
    return redis;
  };
  const nodes = cluster.ports.map((port) => ({ port, redis: connect(port) }));
  try {
    const ids = await Promise.all(nodes.map(({ redis }) => redis.cluster('MYID') as Promise<string>));
    const owners = await nodes[0].redis.cluster('SLOTS');
    const owner = owners.find(([low, high]) => slot >= low && slot <= high);
    if (!owner) throw new Error(`slot ${slot} has no owner`);
    const fromIndex = nodes.findIndex(({ port }) => port === owner[2]?.[1]);
    const toIndex = (fromIndex + 1) % nodes.length;
    const [from, to] = [nodes[fromIndex], nodes[toIndex]];
    await to.redis.cluster('SETSLOT', slot, 'IMPORTING', ids[fromIndex]);
    await from.redis.cluster('SETSLOT', slot, 'MIGRATING', ids[toIndex]);
    for (;;) {
      const keys = (await from.redis.cluster('GETKEYSINSLOT', slot, keysPerStep)) as string[];
      if (keys.length === 0) break;
      await from.redis.migrate('127.0.0.1', to.port, '', 0, 5000, 'KEYS', ...keys);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    for (const { redis } of [to, from, ...nodes]) await redis.cluster('SETSLOT', slot, 'NODE', ids[toIndex]);
    return { from: from.port, to: to.port };
  } finally {
    for (const { redis } of nodes) redis.disconnect();
  }
}
