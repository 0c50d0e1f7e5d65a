/** One throughput measurement through the load driver, and a check that the server takes the bodies. */
import { type BodyShape, ingestBody } from './bodies.js';
import { driveLoad } from './drive.js';
import type { LoadResult } from './load-driver.js';
import type { BenchOptions } from './options.js';
import { BROWSER_UA } from './section.js';
import { perSecond } from './stats.js';

export interface Throughput {
  eventsPerSecond: number;
  requestsPerSecond: number;
  /** Share of one core the driver used: near 1 means the driver, not the server, set the pace. */
  driverBusy: number;
  /** Answers other than 202, e.g. `{"503": 4}`; empty when all were accepted. */
  failures: Record<string, number>;
  raw: LoadResult;
}

/**
 * @param bodyPool prebuilt requests to cycle through (see LoadPlan); only where events are not counted
 */
export async function measureThroughput(
  url: string,
  shapes: BodyShape[],
  options: BenchOptions,
  { durationSeconds = options.ingestSeconds, bodyPool }: { durationSeconds?: number; bodyPool?: number } = {},
): Promise<Throughput> {
  const raw = await driveLoad({
    url,
    shapes,
    connections: options.connections,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: durationSeconds * 1000,
    userAgent: BROWSER_UA,
    bodyPool,
  });
  const failures = Object.fromEntries(Object.entries(raw.statuses).filter(([status]) => status !== '202'));
  return {
    eventsPerSecond: perSecond(raw.events, raw.windowMs),
    requestsPerSecond: perSecond(raw.requests, raw.windowMs),
    driverBusy: raw.windowMs > 0 ? raw.driverCpuMs / raw.windowMs : 0,
    failures,
    raw,
  };
}

/** Posts one body the way the driver will and fails loudly unless every event is accepted. */
export async function expectAccepted(url: string, shape: BodyShape): Promise<void> {
  const response = await fetch(new URL('/ingest', url), {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
    body: ingestBody({ ...shape, tag: `${shape.tag}-check` }, 0, Date.now()),
  });
  const answer = (await response.json()) as { accepted?: number; rejected?: number };
  if (response.status !== 202 || answer.accepted !== shape.events || answer.rejected !== 0)
    throw new Error(
      `the collector did not accept the bench body: ${response.status} ${JSON.stringify(answer)}`,
    );
}
