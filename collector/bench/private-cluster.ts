/**
 * A section's own Redis Cluster of three masters, started the way an operator would (`redis-server
 * --cluster-enabled yes` ×3, then `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes`), each
 * node append-only with the same fsync as the bench's single server, so the two compare; removed after.
 * The bench's counterpart of src/testing/cluster.ts, which belongs to the test suites (it stops through
 * vitest's afterAll).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { partitionKeys } from '../src/keys.js';
import { freePort } from '../src/redis/server.js';
import { BENCH_FSYNC, type BenchRedis, redisCpuSeconds } from './private-redis.js';

const run = promisify(execFile);

export interface PrivateCluster extends BenchRedis {
  ports: number[];
  /** The index (in `ports`) of the master holding each of the `partitions` stream partitions. */
  partitionOwners(keyPrefix: string, partitions: number): Promise<number[]>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`bench cluster: ${what} did not happen in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function spawnNode(port: number, dir: string): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--appendfsync', BENCH_FSYNC, '--cluster-enabled', 'yes');
  return spawn('redis-server', args, { stdio: 'ignore' });
}

const exited = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

export async function withPrivateCluster<T>(
  use: (cluster: PrivateCluster) => Promise<T>,
  masters = 3,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-bench-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const clients: Redis[] = [];
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      mkdirSync(join(dir, String(port)));
      ports.push(port);
      children.push(spawnNode(port, join(dir, String(port))));
      const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
      client.on('error', () => {}); // until the node answers
      clients.push(client);
    }
    for (const [i, client] of clients.entries())
      await waitFor(async () => {
        await client.connect().catch(() => {});
        return (await client.ping()) === 'PONG';
      }, `node ${ports[i]} answering`);
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    for (const [i, client] of clients.entries())
      await waitFor(
        async () => /cluster_state:ok/.test(String(await client.cluster('INFO'))),
        `node ${ports[i]} seeing the cluster ok`,
      );
    return await use({
      ports,
      names: ports.map((_, i) => `master ${i + 1}`),
      connection: { redisUrl: '', clusterNodes: nodes },
      cpuSeconds: () => Promise.all(clients.map(redisCpuSeconds)),
      async partitionOwners(keyPrefix, partitions) {
        const slots = await clients[0].cluster('SLOTS');
        const owners: number[] = [];
        for (let partition = 0; partition < partitions; partition++) {
          const key = partitionKeys(keyPrefix, partition).stream;
          const slot = (await clients[0].cluster('KEYSLOT', key)) as number;
          const owner = slots.find(([low, high]) => slot >= low && slot <= high)?.[2][1];
          owners.push(ports.indexOf(Number(owner)));
        }
        return owners;
      },
    });
  } finally {
    for (const client of clients) client.disconnect();
    // SIGTERM: each node flushes its append-only file and exits, as the single server does
    await Promise.all(children.map((child) => exited(child, 'SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
  }
}
