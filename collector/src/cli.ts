/**
 * `cartpulse start` (what `npm start` runs): everything in one process, with a private redis-server when
 * REDIS_URL is not set. `cartpulse collector`: HTTP only. `cartpulse consumer`: one more aggregation
 * consumer, for scaling out.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { alertsCommand } from './alerts/cli.js';
import { type CartpulseOptions, ConfigError, optionsFromEnv, resolveOptions } from './config.js';
import { startConsumer } from './consumer/consumer.js';
import { createLogger, type Logger } from './log.js';
import { startMetrics } from './metrics/index.js';
import { startMetricsServer } from './metrics/server.js';
import { describeTarget } from './redis/client.js';
import { isRedisUnavailable, redactUrl } from './redis/errors.js';
import { hasRedisServer, REDIS_MISSING_HELP, type RedisServer, startRedisServer } from './redis/server.js';
import { FatalSetupError } from './redis/setup.js';
import { startCartpulse } from './server.js';
import { acceptsAnySite } from './sites/patterns.js';
import { privateRedisUrlFile, sitesCommand } from './sites/cli.js';
import type { SiteRegistry } from './sites/registry.js';
import { siteFromRegistration } from './sites/schema.js';

const USAGE = `Usage: cartpulse [start|collector|consumer|sites|alerts]

  start      collector + consumer + dashboard + demo shops (default; what \`npm start\` runs)
  collector  the HTTP collector and realtime API, without the consumer
  consumer   one aggregation consumer (run several to scale out)
  sites      add, list or remove registered sites (\`cartpulse sites\` for its usage)
  alerts     add, list or remove alert rules (\`cartpulse alerts\` for its usage)

Configuration comes from the environment; see README.md, "Configuration".`;

type Stoppable = { stop(): Promise<void> };

export async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === 'sites') {
    process.exitCode = await sitesCommand(argv.slice(1));
    return;
  }
  if (command === 'alerts') {
    process.exitCode = await alertsCommand(argv.slice(1));
    return;
  }
  if (!['start', 'collector', 'consumer'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let env: Partial<CartpulseOptions>;
  try {
    env = optionsFromEnv();
    resolveOptions({ ...env, redisUrl: env.redisUrl ?? '' }); // every variable checked before anything starts
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration: ${error.message}.`);
    process.exitCode = 2;
    return;
  }
  const log = createLogger({ level: env.logLevel });
  const running: Stoppable[] = [];
  let redisServer: RedisServer | undefined;

  if (!env.redisUrl && !env.clusterNodes?.length) {
    if (command !== 'start' || !hasRedisServer()) {
      console.error(
        command === 'start'
          ? REDIS_MISSING_HELP
          : `REDIS_URL (or REDIS_CLUSTER_NODES) is required for "${command}".`,
      );
      process.exitCode = 1;
      return;
    }
    const dir = resolve(process.env.CARTPULSE_DATA_DIR ?? '.data', 'redis');
    const fsync = resolveOptions(env).fsync;
    redisServer = await startRedisServer({ dir, ownProcessGroup: true, fsync });
    env.redisUrl = redisServer.url;
    writeFileSync(privateRedisUrlFile(process.env), `${redisServer.url}\n`); // for `cartpulse sites`
    log.info(
      `Started a private redis-server on port ${redisServer.port} (data in ${dir}, appendfsync ${fsync}).`,
    );
  }
  const options = resolveOptions(env);
  if (acceptsAnySite(options.sites))
    log.warn(
      'CARTPULSE_SITES contains "*": events for any site id are accepted and stored (for local trials only)',
    );

  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing requests in flight and the consumer's batch, then stopping.`);
    for (const part of running.reverse())
      await part.stop().catch((error) => log.error({ err: error }, 'stopping a part failed'));
    await redisServer?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // a wrong eviction policy found after the start (Redis was away at first): stop, with a non-zero code
  const onFatal = (error: FatalSetupError) => void shutdown(error.message, 1);

  try {
    await startParts(command, options, log, running, onFatal);
  } catch (error) {
    if (!(error instanceof FatalSetupError)) throw error;
    console.error(error.message);
    for (const part of running.reverse())
      await part.stop().catch((failure) => log.error({ err: failure }, 'stopping a part failed'));
    await redisServer?.stop();
    process.exitCode = 1;
  }
}

async function startParts(
  command: string,
  options: CartpulseOptions,
  log: Logger,
  running: Stoppable[],
  onFatal: (error: FatalSetupError) => void,
): Promise<void> {
  if (command === 'consumer') {
    const metrics = await startMetrics(options, { collector: false, consumer: true });
    running.push(metrics);
    running.push(await startConsumer(options, { ...metrics.consumer, log, onFatal }));
    const { metricsPort: port, host, token, metricsPublic } = options;
    const { render, ready } = metrics;
    const server = await startMetricsServer({ port, host, token, public: metricsPublic, render, ready });
    running.push(server);
    log.info(
      `Consumer ${options.consumerName} reading ${options.partitions} partitions of ${redactUrl(describeTarget(options))}.`,
    );
    log.info(`Metrics on port ${server.port} (GET /metrics, /healthz, /readyz).`);
    return;
  }

  const inProcessConsumer = command === 'start' && options.consumer;
  const metrics = await startMetrics(options, { collector: true, consumer: inProcessConsumer });
  running.push(metrics);
  const cartpulse = await startCartpulse(
    { ...options, consumer: inProcessConsumer },
    { collector: metrics.collector, consumer: metrics.consumer, log, onFatal },
  );
  running.push(cartpulse);
  const publicUrl = options.publicUrl || `http://localhost:${cartpulse.port}`;
  log.info(
    `Collector listening on ${publicUrl} (POST /ingest, GET /api/realtime, /metrics, /healthz, /readyz).`,
  );
  if (command === 'start') {
    log.info(`Dashboard: ${publicUrl}/#token=${encodeURIComponent(options.token)}`);
    if (!process.env.CARTPULSE_TOKEN)
      log.info('(token generated for this run; set CARTPULSE_TOKEN to keep one)');
    const demos = await startExtras(publicUrl, running);
    for (const line of demos.lines) log.info(line);
    registerDemoSites(cartpulse.context.registry, demos.sites, log).catch((error) =>
      log.error(
        { err: error },
        'could not register the demo site; `npx cartpulse sites add demo-shop` does it',
      ),
    );
  }
}

/**
 * `npm start` registers the demo shops' site, so that they count from the first click; while Redis is
 * away it tries again every two seconds (in the background: the start does not wait for Redis).
 */
async function registerDemoSites(registry: SiteRegistry, sites: string[], log: Logger): Promise<void> {
  const missing = sites.filter((id) => !registry.get(id));
  try {
    for (const id of missing) {
      await registry.put(siteFromRegistration({ id, name: 'Demo shop' }, Date.now()));
      log.info(`Registered the demo site ${id}.`);
    }
  } catch (error) {
    if (!isRedisUnavailable(error)) throw error;
    setTimeout(() => void registerDemoSites(registry, sites, log), 2000).unref();
  }
}

/** The demo shops, when the examples workspace provides them. */
async function startExtras(
  collectorUrl: string,
  running: Stoppable[],
): Promise<{ lines: string[]; sites: string[] }> {
  try {
    const demosModule = '../../examples/start.js'; // optional: absent in the production image
    const demo = (await import(demosModule)) as {
      startDemos(collectorUrl: string): Promise<{ lines: string[]; sites: string[]; stop(): Promise<void> }>;
    };
    const demos = await demo.startDemos(collectorUrl);
    running.push(demos);
    return demos;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return { lines: [], sites: [] };
  }
}
