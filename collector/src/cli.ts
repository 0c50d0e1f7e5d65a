/**
 * `cartpulse start` (what `npm start` runs): everything in one process, with a private redis-server when
 * REDIS_URL is not set. `cartpulse collector`: HTTP only. `cartpulse consumer`: one more aggregation
 * consumer, for scaling out.
 */
import { resolve } from 'node:path';
import { type CartpulseOptions, optionsFromEnv, resolveOptions } from './config.js';
import { startConsumer } from './consumer/consumer.js';
import { startMetrics } from './metrics/index.js';
import { startMetricsServer } from './metrics/server.js';
import { hasRedisServer, REDIS_MISSING_HELP, type RedisServer, startRedisServer } from './redis/server.js';
import { startCartpulse } from './server.js';

const USAGE = `Usage: cartpulse [start|collector|consumer]

  start      collector + consumer + dashboard + demo shops (default; what \`npm start\` runs)
  collector  the HTTP collector and realtime API, without the consumer
  consumer   one aggregation consumer (run several to scale out)

Configuration comes from the environment; see README.md, "Configuration".`;

type Stoppable = { stop(): Promise<void> };

export async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (!['start', 'collector', 'consumer'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const env = optionsFromEnv();
  const running: Stoppable[] = [];
  let redisServer: RedisServer | undefined;

  if (!env.redisUrl) {
    if (command !== 'start' || !hasRedisServer()) {
      console.error(command === 'start' ? REDIS_MISSING_HELP : `REDIS_URL is required for "${command}".`);
      process.exitCode = 1;
      return;
    }
    const dir = resolve(process.env.CARTPULSE_DATA_DIR ?? '.data', 'redis');
    redisServer = await startRedisServer({ dir, ownProcessGroup: true });
    env.redisUrl = redisServer.url;
    console.log(`Started a private redis-server on port ${redisServer.port} (data in ${dir}).`);
  }
  const options = resolveOptions(env as Partial<CartpulseOptions>);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight and the consumer's batch, then stopping.`);
    for (const part of running.reverse()) await part.stop().catch((error) => console.error(error));
    await redisServer?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (command === 'consumer') {
    const metrics = await startMetrics(options, { collector: false, consumer: true });
    running.push(metrics);
    const hooks = metrics.consumer;
    const onError = (error: unknown) => {
      hooks.onError?.(error);
      console.error('consumer:', String(error));
    };
    running.push(await startConsumer(options, { ...hooks, onError }));
    const { metricsPort: port, host, token, metricsPublic } = options;
    const { render, ready } = metrics;
    const server = await startMetricsServer({ port, host, token, public: metricsPublic, render, ready });
    running.push(server);
    console.log(
      `Consumer ${options.consumerName} reading ${options.partitions} partitions of ${options.redisUrl}.`,
    );
    console.log(`Metrics on port ${server.port} (GET /metrics, /healthz, /readyz).`);
    return;
  }

  const inProcessConsumer = command === 'start' && options.consumer;
  const metrics = await startMetrics(options, { collector: true, consumer: inProcessConsumer });
  running.push(metrics);
  const cartpulse = await startCartpulse(
    { ...options, consumer: inProcessConsumer },
    { collector: metrics.collector, consumer: metrics.consumer },
  );
  running.push(cartpulse);
  const publicUrl = process.env.CARTPULSE_PUBLIC_URL ?? `http://localhost:${cartpulse.port}`;
  console.log(
    `Collector listening on ${publicUrl} (POST /ingest, GET /api/realtime, /metrics, /healthz, /readyz).`,
  );
  if (command === 'start') {
    console.log(`Dashboard: ${publicUrl}/#token=${encodeURIComponent(options.token)}`);
    if (!process.env.CARTPULSE_TOKEN)
      console.log('(token generated for this run; set CARTPULSE_TOKEN to keep one)');
    for (const line of await startExtras(publicUrl, running)) console.log(line);
  }
}

/** The demo shops, when the examples workspace provides them. */
async function startExtras(collectorUrl: string, running: Stoppable[]): Promise<string[]> {
  const lines: string[] = [];
  try {
    const demosModule = '../../examples/start.js'; // optional: absent in the production image
    const demo = (await import(demosModule)) as {
      startDemos(collectorUrl: string): Promise<{ lines: string[]; stop(): Promise<void> }>;
    };
    const demos = await demo.startDemos(collectorUrl);
    running.push(demos);
    lines.push(...demos.lines);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  return lines;
}
