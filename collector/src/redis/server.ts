/**
 * Starts a private `redis-server` child: used by `npm start` when no REDIS_URL is given, and by every
 * integration suite (each starts its own on a free port so it can kill, restart and persist it).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, createServer } from 'node:net';

export interface RedisServerOptions {
  /** Directory for the append-only file. */
  dir: string;
  /** TCP port; a free one is picked when absent. */
  port?: number;
  /** Append-only persistence. @default true */
  appendOnly?: boolean;
  /**
   * When the append-only file is fsynced (`--appendfsync`): `always` before a write is answered, so an
   * acknowledged write survives a power cut; `everysec` once a second, so a power cut may lose the last
   * second of writes. Only with `appendOnly`. @default 'always'
   * @example startRedisServer({ dir, fsync: 'everysec' })
   */
  fsync?: 'always' | 'everysec';
  /** The server binary. @default 'redis-server' */
  binary?: string;
  /**
   * Run it in its own process group, so that Ctrl-C reaches only the parent, which drains its work
   * before stopping Redis. A server left behind by a parent that was killed is stopped at the next start
   * (found through its pid file). @default false
   */
  ownProcessGroup?: boolean;
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Graceful stop (SIGTERM: Redis flushes its append-only file first). */
  stop(): Promise<void>;
  /** SIGKILL, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory. */
  restart(): Promise<void>;
}

export const REDIS_MISSING_HELP =
  'Cartpulse needs Redis 7 or newer, and found neither a REDIS_URL nor a redis-server program. ' +
  'Install one and run the command again: on Debian or Ubuntu `sudo apt-get install -y redis-server`, ' +
  'on macOS `brew install redis`, or with Docker `docker run -d -p 6379:6379 redis:7` ' +
  '(then `REDIS_URL=redis://localhost:6379 npm start`). Any reachable Redis 7 works: set REDIS_URL to use it.';

/** True when `binary` can be run. */
export function hasRedisServer(binary = 'redis-server'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Stops a redis-server that an earlier, killed run left on the same directory. */
async function stopLeftover(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server')) return;
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // no pid file, or that process is gone
  }
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? 'redis-server';
  mkdirSync(options.dir, { recursive: true });
  let child: { process: ChildProcess; exited: Promise<void> } | undefined;

  const launch = async () => {
    const pidFile = join(options.dir, 'redis.pid');
    await stopLeftover(pidFile);
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', options.dir, '--save', ''];
    args.push('--pidfile', pidFile);
    if (options.appendOnly ?? true)
      args.push('--appendonly', 'yes', '--appendfsync', options.fsync ?? 'always');
    const started = spawn(binary, args, { stdio: 'ignore', detached: options.ownProcessGroup ?? false });
    if (options.ownProcessGroup) process.once('exit', () => started.kill('SIGTERM'));
    let hasExited = false;
    const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    exited.then(() => {
      hasExited = true;
    });
    child = { process: started, exited };
    for (let attempt = 0; attempt < 200; attempt++) {
      if (hasExited) throw new Error(`redis-server exited while starting on port ${port}`);
      if (await answersPing(port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };

  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running) return;
    running.process.kill(signal); // harmless if it already exited (Ctrl-C reaches the whole group)
    await running.exited;
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    restart: async () => {
      await end('SIGTERM');
      await launch();
    },
  };
}
