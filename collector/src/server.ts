/**
 * Starts a whole Cartpulse process: HTTP app on a port, and (by default) the aggregation consumer.
 * `npm start`, the CLI and the integration tests all come through here.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type CartpulseOptions, resolveOptions } from './config.js';
import { type ConsumerHooks, type RunningConsumer, startConsumer } from './consumer/consumer.js';
import { ensureGroup } from './consumer/group.js';
import { type AppContext, type CollectorHooks, createContext } from './context.js';
import { connectFailFast } from './redis/connect.js';

export interface RunningCartpulse {
  url: string;
  port: number;
  options: CartpulseOptions;
  context: AppContext;
  /** Stops taking requests, lets requests in flight finish, drains the consumer, closes connections. */
  stop(): Promise<void>;
}

export interface StartHooks {
  collector?: CollectorHooks;
  consumer?: ConsumerHooks;
}

export async function startCartpulse(
  overrides: Partial<CartpulseOptions> & { redisUrl: string },
  hooks: StartHooks = {},
): Promise<RunningCartpulse> {
  const options = resolveOptions(overrides);
  const producer = await connectFailFast(options.redisUrl, { autoPipelining: true });
  const reader = await connectFailFast(options.redisUrl);
  const context = createContext(options, producer, reader, hooks.collector);
  for (const keys of context.partitions) await ensureGroup(producer, keys, options.group);
  const consumer: RunningConsumer | undefined = options.consumer
    ? await startConsumer(options, hooks.consumer)
    : undefined;
  const app = createApp(context);
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    options,
    context,
    stop: async () => {
      // Requests in flight finish; idle keep-alive sockets close now; long-lived streams (SSE) after 2 s.
      const http = server as unknown as { closeIdleConnections(): void; closeAllConnections(): void };
      const forceClose = setTimeout(() => http.closeAllConnections(), 2000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        http.closeIdleConnections();
      });
      clearTimeout(forceClose);
      await consumer?.stop();
      producer.disconnect();
      reader.disconnect();
    },
  };
}
