/**
 * The deployment's monitoring against real programs: a collector and a standalone consumer run as
 * processes (`cartpulse collector`, `cartpulse consumer`, as in the containers), their /metrics pass
 * `promtool check metrics`, and a real Prometheus runs the project's own deploy/prometheus/prometheus.yml
 * (targets pointed at localhost, 1 s scrapes; the redis-exporter job left out, since no exporter runs
 * here) with the project's alert rules. Every expression of the Grafana dashboard and of the alerts is
 * valid PromQL, reads only metrics these processes export, and has data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startCli } from '../testing/cli-process.js';
import { BROWSER_UA } from '../testing/cartpulse.js';
import { metricsProblems, startPrometheus } from '../testing/prometheus.js';
import { metricNames } from '../testing/promql.js';
import { privateRedis } from '../testing/redis.js';

const deploy = (path: string) => fileURLToPath(new URL(`../../../deploy/${path}`, import.meta.url));
const TOKEN = 'metrics-test-token';

interface ScrapeConfig {
  job_name: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: unknown;
  authorization?: { credentials_file?: string };
}

/** The dashboard's and the alerts' PromQL, Grafana's `$__rate_interval` made concrete. */
export function deployedExpressions(): { where: string; expr: string }[] {
  const dashboard = JSON.parse(readFileSync(deploy('grafana/dashboards/cartpulse.json'), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
  };
  const alerts = parse(readFileSync(deploy('prometheus/alerts.yml'), 'utf8')) as {
    groups: { rules: { alert: string; expr: string }[] }[];
  };
  return [
    ...dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr })),
    ),
    ...alerts.groups.flatMap((group) =>
      group.rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
    ),
  ].map(({ where, expr }) => ({ where, expr: expr.replaceAll('$__rate_interval', '1m').trim() }));
}

/** Series names in an exposition (`foo_bucket`, `foo_sum`… as Prometheus stores them). */
const seriesNames = (exposition: string) =>
  new Set(
    exposition
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? ''),
  );

async function scrape(url: string, token = TOKEN) {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

async function postEvents(url: string, site: string, visitors: number) {
  const now = Date.now();
  const events = Array.from({ length: visitors }, (_, i) => ({
    type: 'pageview',
    id: `${site}-${now}-${i}`,
    ts: now,
    url: 'https://shop.example/',
    vid: `visitor-${i}`,
  }));
  const response = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
    body: JSON.stringify({ site, sent: now, events }),
  });
  expect(response.status).toBe(202);
}

describe('monitoring against a running collector, consumer and Prometheus', async () => {
  const redis = await privateRedis();
  const common = {
    REDIS_URL: redis.url,
    CARTPULSE_TOKEN: TOKEN,
    HOST: '127.0.0.1',
    CARTPULSE_SITES: 'shop-*',
  };
  const [collectorProcess, consumerProcess] = await Promise.all([
    startCli(['collector'], { ...common, PORT: '0' }, /Collector listening on http:\/\/localhost:(\d+)/),
    startCli(['consumer'], { ...common, METRICS_PORT: '0' }, /Metrics on port (\d+)/),
  ]);
  const collector = `http://127.0.0.1:${collectorProcess.match[1]}`;
  const consumer = `http://127.0.0.1:${consumerProcess.match[1]}`;

  const config = parse(readFileSync(deploy('prometheus/prometheus.yml'), 'utf8')) as {
    global: Record<string, string>;
    scrape_configs: ScrapeConfig[];
  };
  config.global.scrape_interval = '1s';
  config.global.evaluation_interval = '1s';
  const localTargets: Record<string, string> = {
    collector: collector.replace('http://', ''),
    consumer: consumer.replace('http://', ''),
  };
  config.scrape_configs = config.scrape_configs
    .filter((job) => job.job_name in localTargets)
    .map(({ dns_sd_configs: _dns, ...job }) => ({
      ...job,
      static_configs: [{ targets: [localTargets[job.job_name]] }],
    }));
  const prometheus = await startPrometheus({
    'prometheus.yml': stringify(config),
    'alerts.yml': readFileSync(deploy('prometheus/alerts.yml'), 'utf8'),
    cartpulse_token: TOKEN,
  });

  await postEvents(collector, 'shop-metrics', 3);

  it('serves /metrics only with the token, on the collector and on the consumer', async () => {
    for (const url of [collector, consumer]) {
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await scrape(url, 'wrong')).status).toBe(401);
      const { status, text } = await scrape(url);
      expect(status).toBe(200);
      expect(text).toContain('process_cpu_seconds_total');
    }
    expect((await fetch(`${consumer}/readyz`)).status).toBe(200);
  });

  it('passes promtool check metrics (parse errors and lint, prom-client defaults aside)', async () => {
    await expect
      .poll(async () => (await scrape(collector)).text, { timeout: 15_000 })
      .toContain('cartpulse_site_active_users{site="shop-metrics"} 3');
    for (const url of [collector, consumer])
      expect(await metricsProblems((await scrape(url)).text)).toEqual([]);
  });

  it('has Prometheus scrape both with the bearer token (up == 1) and see the ingest counter rise', async () => {
    const up = async () =>
      Object.fromEntries((await prometheus.query('up')).map((s) => [s.metric.job, s.value[1]]));
    await expect.poll(up, { timeout: 20_000, interval: 500 }).toEqual({ collector: '1', consumer: '1' });

    const total = async (expr: string) => Number((await prometheus.query(expr))[0]?.value[1] ?? 0);
    const accepted = () => total('sum(cartpulse_events_accepted_total{job="collector"})');
    const processed = () => total('sum(cartpulse_consumer_events_processed_total{job="consumer"})');
    await expect.poll(accepted, { timeout: 20_000, interval: 500 }).toBeGreaterThanOrEqual(3);
    const [acceptedBefore, processedBefore] = [await accepted(), await processed()];
    await postEvents(collector, 'shop-metrics', 5);
    await expect.poll(accepted, { timeout: 20_000, interval: 500 }).toBe(acceptedBefore + 5);
    await expect
      .poll(processed, { timeout: 20_000, interval: 500 })
      .toBeGreaterThanOrEqual(processedBefore + 5);
  });

  it('loads the alert rules, all healthy', async () => {
    const rules = async () => {
      const data = (await prometheus.get('/api/v1/rules')) as {
        groups: { rules: { name: string; health: string; lastError?: string }[] }[];
      };
      return data.groups.flatMap((group) => group.rules).map((rule) => `${rule.name}: ${rule.health}`);
    };
    const expected = (
      parse(readFileSync(deploy('prometheus/alerts.yml'), 'utf8')) as {
        groups: { rules: { alert: string }[] }[];
      }
    ).groups.flatMap((group) => group.rules.map((rule) => `${rule.alert}: ok`));
    await expect.poll(rules, { timeout: 20_000, interval: 500 }).toEqual(expected);
  });

  it('dashboard and alert expressions read only exported metrics, and have data', async () => {
    const exported = new Set([
      ...seriesNames((await scrape(collector)).text),
      ...seriesNames((await scrape(consumer)).text),
    ]);
    const expressions = deployedExpressions();
    expect(expressions.length).toBeGreaterThan(20);
    const unknown = expressions.flatMap(({ where, expr }) =>
      metricNames(expr)
        // `up` is Prometheus's own; `redis_*` come from redis-exporter, which does not run here.
        .filter((name) => !exported.has(name) && name !== 'up' && !name.startsWith('redis_'))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);

    // Panels should show data; alerts stay empty while all is well (their rules' health is checked above).
    const withData = expressions.filter(
      ({ where, expr }) =>
        where.startsWith('panel') && !metricNames(expr).some((n) => n.startsWith('redis_')),
    );
    for (const { where, expr } of withData) {
      // A syntax error throws here (Prometheus parses it); an empty result is a panel with no data.
      await expect
        .poll(async () => (await prometheus.query(expr)).length, {
          timeout: 20_000,
          interval: 500,
          message: `${where}: ${expr}`,
        })
        .toBeGreaterThan(0);
    }
    for (const { expr } of expressions.filter((e) => !withData.includes(e))) await prometheus.query(expr);
  });
});
