/**
 * The deployment files at the root (docker-compose.yml, Dockerfile, .dockerignore, deploy/) checked
 * without a Docker engine: they parse, name what the README promises, agree with each other and with the
 * code, and pass promtool. The live side (Prometheus scraping real processes) is prometheus.test.ts.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultOptions } from '../config.js';
import { startCartpulse } from '../server.js';
import { freePort, promtool } from '../testing/prometheus.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(root(path), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
  configs?: { source: string; target: string }[];
}
// Compose applies YAML merge keys (`<<: *cartpulse`).
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  configs: Record<string, { content?: string }>;
};

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('has the six services, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['collector', 'consumer', 'grafana', 'prometheus', 'redis', 'redis-exporter'].sort(),
    );
    for (const [name, service] of Object.entries(services))
      expect(service.healthcheck?.test?.length, `${name} has a healthcheck`).toBeGreaterThan(0);
  });

  it('runs Redis 7 with an append-only file synced on every write, never evicting, on a volume', () => {
    expect(services.redis.image).toBe('redis:7');
    expect(services.redis.command?.join(' ')).toContain('--appendonly yes --appendfsync always');
    expect(services.redis.command?.join(' ')).toContain('--maxmemory-policy noeviction');
    expect(services.redis.volumes).toContain('redis-data:/data');
  });

  it('runs a Redis that Cartpulse accepts: the compose command, started here as it is', async () => {
    const [binary, ...args] = services.redis.command ?? [];
    const dir = mkdtempSync(join(tmpdir(), 'cartpulse-compose-redis-'));
    const port = await freePort();
    const redis = spawn(binary, [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir], {
      stdio: 'ignore',
    });
    afterAll(() => {
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    const running = await startCartpulse({
      redisUrl: `redis://127.0.0.1:${port}`,
      port: 0,
      host: '127.0.0.1',
    });
    await expect
      .poll(async () => (await fetch(`${running.url}/readyz`)).status, { timeout: 10_000 })
      .toBe(200);
    const client = running.context.reader;
    expect(await client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
    await running.stop();
  });

  it('builds one image for the collector and the consumers, checked on /readyz', () => {
    const { collector, consumer } = services;
    expect(collector.build).toBe('.');
    expect(consumer.image).toBe(collector.image);
    expect(collector.command).toEqual(['collector']);
    expect(consumer.command).toEqual(['consumer']);
    expect(consumer.deploy?.replicas).toBe(2);
    expect(collector.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:8787/readyz');
    expect(consumer.healthcheck?.test.join(' ')).toContain(
      `http://127.0.0.1:${consumer.environment?.METRICS_PORT}/readyz`,
    );
    for (const service of [collector, consumer]) {
      expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service.environment?.CARTPULSE_TOKEN).toBe('${CARTPULSE_TOKEN:-change-me}');
    }
    expect(compose.configs.cartpulse_token.content).toBe('${CARTPULSE_TOKEN:-change-me}');
  });

  it('gives redis-exporter the cp:* streams', () => {
    const env = services['redis-exporter'].environment ?? {};
    expect(services['redis-exporter'].image).toMatch(/^oliver006\/redis_exporter:/);
    expect(String(env.REDIS_EXPORTER_CHECK_STREAMS).split(',')).toEqual(['cp:*:events', 'cp:*:dlq']);
  });

  it('mounts deploy files that exist, where Prometheus and Grafana look for them', () => {
    const binds = Object.values(services).flatMap((service) =>
      (service.volumes ?? []).filter((volume) => volume.startsWith('./')),
    );
    expect(binds.length).toBeGreaterThanOrEqual(4);
    for (const bind of binds) expect(existsSync(root(bind.split(':')[0])), bind).toBe(true);
    expect(services.prometheus.volumes).toContain(
      './deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
    // prometheus.yml reads the token from `cartpulse_token` beside itself
    expect(services.prometheus.configs).toContainEqual(
      expect.objectContaining({ source: 'cartpulse_token', target: '/etc/prometheus/cartpulse_token' }),
    );
    const provider = parse(read('deploy/grafana/provisioning/dashboards/cartpulse.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(services.grafana.volumes).toContain(
      `./deploy/grafana/dashboards:${provider.providers[0].options.path}:ro`,
    );
  });
});

describe('deploy/prometheus', () => {
  const config = parse(read('deploy/prometheus/prometheus.yml')) as {
    scrape_configs: {
      job_name: string;
      authorization?: { credentials_file: string };
      static_configs?: { targets: string[] }[];
      dns_sd_configs?: { names: string[]; port: number }[];
    }[];
  };
  const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name);

  it('passes promtool check config beside its token file, as compose mounts them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cartpulse-promtool-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const file of ['prometheus.yml', 'alerts.yml'])
      copyFileSync(root(`deploy/prometheus/${file}`), join(dir, file));
    writeFileSync(join(dir, 'cartpulse_token'), 'a-token');
    const result = await promtool(['check', 'config', join(dir, 'prometheus.yml')]);
    expect(result.output).toContain('SUCCESS');
    expect(result.code, result.output).toBe(0);
  });

  it('has alert rules that pass their unit tests', async () => {
    const checked = await promtool(['check', 'rules', root('deploy/prometheus/alerts.yml')]);
    expect(checked.code, checked.output).toBe(0);
    const tested = await promtool(['test', 'rules', root('deploy/prometheus/alerts.test.yml')]);
    expect(tested.code, tested.output).toBe(0);
  });

  it('scrapes the collector and every consumer replica with the token, and redis-exporter', () => {
    const options = defaultOptions();
    expect(job('collector')?.static_configs?.[0].targets).toEqual([`collector:${options.port}`]);
    expect(job('collector')?.authorization?.credentials_file).toBe('cartpulse_token');
    expect(job('consumer')?.dns_sd_configs?.[0]).toMatchObject({
      names: ['consumer'],
      port: options.metricsPort,
    });
    expect(job('consumer')?.authorization?.credentials_file).toBe('cartpulse_token');
    expect(job('redis')?.static_configs?.[0].targets).toEqual(['redis-exporter:9121']);
  });
});

describe('deploy/grafana', () => {
  const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
    datasources: { uid: string; url: string }[];
  };
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/cartpulse.json')) as {
    title: string;
    panels: { title: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
  };

  it('provisions the Prometheus data source that the Cartpulse dashboard uses', () => {
    expect(datasources.datasources[0]).toMatchObject({ uid: 'prometheus', url: 'http://prometheus:9090' });
    expect(dashboard.title).toBe('Cartpulse');
    for (const panel of dashboard.panels.filter((p) => p.targets))
      expect(panel.datasource?.uid, panel.title).toBe('prometheus');
  });

  it('shows ingest rate, rejects by reason, latency p50/p99, consumer lag, DLQ length and active users', () => {
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    const has = (pattern: RegExp) => exprs.some((expr) => pattern.test(expr));
    expect(has(/rate\(cartpulse_events_accepted_total/)).toBe(true);
    expect(has(/sum by \(reason\) \(rate\(cartpulse_events_rejected_total/)).toBe(true);
    expect(has(/histogram_quantile\(0\.5, .*http_request_duration_seconds_bucket/)).toBe(true);
    expect(has(/histogram_quantile\(0\.99, .*http_request_duration_seconds_bucket/)).toBe(true);
    expect(has(/cartpulse_consumer_lag_entries/)).toBe(true);
    expect(has(/cartpulse_dlq_entries/)).toBe(true);
    expect(has(/cartpulse_active_users/)).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const ignored = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('builds in one stage and runs as an unprivileged user in another, with a /readyz health check', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM node:20\S* AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci/m);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*collector\/bin\/healthcheck\.mjs/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "collector\/bin\/cartpulse\.mjs"\]$/m);
  });

  it('copies into the runtime image only paths the build context keeps', () => {
    const copied = [...dockerfile.matchAll(/^COPY --from=build \/app\/(\S+)/gm)].map((m) => m[1]);
    expect(copied).toEqual(expect.arrayContaining(['collector/src', 'collector/bin', 'dashboard/dist']));
    for (const path of ['collector/src', 'collector/bin', 'package-lock.json', 'rollup.config.mjs'])
      expect(
        ignored.some((pattern) => path === pattern || path.startsWith(`${pattern}/`)),
        path,
      ).toBe(false);
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.git', '.env']));
  });
});

describe('collector/bin/healthcheck.mjs', () => {
  const run = (url: string) =>
    new Promise<number>((resolve) =>
      execFile(process.execPath, [root('collector/bin/healthcheck.mjs'), url], (error) =>
        resolve(error ? Number(error.code) : 0),
      ),
    );

  it('exits 0 on a 2xx answer, 1 on any other answer or none', async () => {
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/readyz' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    afterAll(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    expect(await run(`http://127.0.0.1:${port}/readyz`)).toBe(0);
    expect(await run(`http://127.0.0.1:${port}/other`)).toBe(1);
    expect(await run(`http://127.0.0.1:${await freePort()}/readyz`)).toBe(1);
  });
});
