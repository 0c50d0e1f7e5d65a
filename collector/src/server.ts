/**
 * Starts a whole Cartpulse process: HTTP app on a port, and (by default) the aggregation consumer.
 * `npm start`, the CLI and the integration tests all come through here.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { dayHistory } from './alerts/day-history.js';
import { type AlertEvaluator, startAlertEvaluator } from './alerts/runner.js';
import { createApp } from './app.js';
import { type CartpulseOptions, resolveOptions } from './config.js';
import { type ConsumerHooks, type RunningConsumer, startConsumer } from './consumer/consumer.js';
import { type AppContext, type CollectorHooks, createContext } from './context.js';
import { type Logger, silentLogger } from './log.js';
import { createClient, describeTarget } from './redis/client.js';
import { connectFailFast, logConnection } from './redis/connect.js';
import type { FatalSetupError } from './redis/setup.js';
import { watchRedis } from './redis/watch.js';

export interface RunningCartpulse {
  url: string;
  port: number;
  options: CartpulseOptions;
  context: AppContext;
  /** This collector's alert evaluator (it evaluates while it holds the deployment's alert lease). */
  alerts: AlertEvaluator;
  /** Stops taking requests, lets requests in flight finish, drains the consumer, closes connections. */
  stop(): Promise<void>;
}

export interface StartHooks {
  collector?: CollectorHooks;
  consumer?: ConsumerHooks;
  /** @default a logger that writes nothing */
  log?: Logger;
  /**
   * Redis's eviction policy turned out wrong after the start (Redis was away at first): the CLI exits.
   * At the start itself, `startCartpulse` rejects instead. @default log only
   */
  onFatal?(error: FatalSetupError): void;
}

export async function startCartpulse(
  overrides: Partial<CartpulseOptions> & { redisUrl: string },
  hooks: StartHooks = {},
): Promise<RunningCartpulse> {
  const options = resolveOptions(overrides);
  const log = hooks.log ?? silentLogger;
  const producer = await connectFailFast(options, { autoPipelining: true, log, name: 'producer' });
  const reader = await connectFailFast(options, { log, name: 'reader' });
  const context = createContext(options, producer, reader, hooks.collector, log);
  const watch = watchRedis({
    redis: reader,
    partitions: context.partitions,
    group: options.group,
    keyPrefix: options.keyPrefix,
    allowEviction: options.allowEviction,
    intervalMs: options.registryRefreshMs,
    registry: context.registry,
    refused: context.refused,
    log,
    onFatal: (error) => hooks.onFatal?.(error),
  });
  context.fatal = () => watch.fatal;
  // what the consumers announce after each apply (keys.ts, `applied`): live dashboards read only then
  const subscriber = createClient(options, { lazyConnect: true, maxRetriesPerRequest: null });
  logConnection(subscriber, describeTarget(options), { log, name: 'subscriber' });
  subscriber.on('message', (_channel: string, sites: string) => context.applied.announce(sites.split(',')));
  subscriber.connect().catch(() => {}); // reconnects and subscribes again on its own
  subscriber
    .subscribe(context.partitions[0].applied)
    .catch((error) =>
      log.error(
        { err: error },
        'could not subscribe to the applied-sites channel; live views read every tick',
      ),
    );
  const closeConnections = () => {
    watch.stop();
    producer.disconnect();
    reader.disconnect();
    subscriber.disconnect();
  };
  // a wrong eviction policy stops the start here; a Redis that is away does not (the watch retries)
  await watch.check().catch((error) => {
    closeConnections();
    throw error;
  });
  let consumer: RunningConsumer | undefined;
  try {
    consumer = options.consumer ? await startConsumer(options, { ...hooks.consumer, log }) : undefined;
  } catch (error) {
    closeConnections();
    throw error;
  }
  const app = createApp(context);
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const alerts = startAlertEvaluator({
    redis: reader,
    keyPrefix: options.keyPrefix,
    intervalMs: options.alertIntervalMs,
    cooldownMs: options.alertCooldownMs,
    secret: options.alertSecret,
    publicUrl: options.publicUrl || `http://localhost:${port}`,
    clock: options.clock,
    log,
    snapshot: (site, at) => context.snapshot(site, at),
    accepts: (site) => context.registry.loaded && context.registry.accepts(site),
    history: dayHistory(reader, options),
    timezoneOf: (site) => context.registry.get(site)?.timezone ?? 'UTC',
  });
  return {
    url: `http://${host}:${port}`,
    port,
    options,
    context,
    alerts,
    stop: async () => {
      // Requests in flight finish; idle keep-alive sockets close now; long-lived streams (SSE) after 2 s.
      const http = server as unknown as { closeIdleConnections(): void; closeAllConnections(): void };
      const forceClose = setTimeout(() => http.closeAllConnections(), 2000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        http.closeIdleConnections();
      });
      clearTimeout(forceClose);
      await alerts.stop();
      await consumer?.stop();
      await context.refused
        .flush()
        .catch((error) => log.warn({ err: error }, 'could not write the refused-site counts at stop'));
      closeConnections();
    },
  };
}
