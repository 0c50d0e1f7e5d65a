/**
 * Test helpers for Debian's `prometheus` package (`.ci/run` installs it): `promtool` checks, and a real
 * Prometheus server on a free port with its data in a temporary directory, stopped after the suite.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export interface ToolResult {
  code: number;
  output: string;
}

/** Runs promtool; `input` goes to its stdin. Never throws for a non-zero exit: the caller judges. */
export function promtool(args: string[], input?: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = execFile('promtool', args, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code === -1) reject(error);
      else resolve({ code, output: `${stdout}${stderr}` });
    });
    child.stdin?.end(input ?? '');
  });
}

/**
 * prom-client's default metrics that `promtool check metrics` flags (gauges named `_total`); their names
 * belong to prom-client, and dashboards everywhere use them as they are. Anything else fails the check.
 */
export const TOLERATED_LINT = [
  'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
];

/** `promtool check metrics` on an exposition: parse errors and lint problems, minus the tolerated ones. */
export async function metricsProblems(exposition: string): Promise<string[]> {
  const { code, output } = await promtool(['check', 'metrics'], exposition);
  if (code === 0) return [];
  if (code !== 3) return [`promtool exited with ${code}: ${output}`];
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !TOLERATED_LINT.includes(line));
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningPrometheus {
  url: string;
  dir: string;
  /** An instant query; the `result` of a successful answer, else throws with Prometheus's error. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  get(path: string): Promise<unknown>;
}

/**
 * Starts Prometheus with `files` (config as `prometheus.yml`, plus whatever it references by relative
 * path) written to a fresh directory, and waits until it is ready.
 */
export async function startPrometheus(files: Record<string, string>): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-prometheus-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`prometheus not ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    dir,
    get,
    query: async (expr) => {
      const data = (await get(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as {
        result: { metric: Record<string, string>; value: [number, string] }[];
      };
      return data.result;
    },
  };
}
