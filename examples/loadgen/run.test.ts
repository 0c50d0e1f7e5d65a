import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchSchema, EventSchema } from '../../collector/src/protocol/schema.js';
import { defaultLoadgenOptions, type LoadgenOptions } from './options.js';
import { failed, formatProgress, formatSummary } from './report.js';
import { type Progress, runLoadgen } from './run.js';

/** A stand-in collector that records every request and answers like `POST /ingest`. */
async function recordingCollector(answer: (events: unknown[]) => { status: number; delayMs?: number }) {
  const requests: { headers: IncomingMessage['headers']; body: unknown }[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text);
      requests.push({ headers: request.headers, body });
      const { status, delayMs = 0 } = answer(body.events);
      setTimeout(() => {
        concurrent -= 1;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(status === 202 ? { accepted: body.events.length, rejected: 0 } : { error: 'down' }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stops.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url, requests, maxConcurrent: () => maxConcurrent };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const options = (overrides: Partial<LoadgenOptions>): LoadgenOptions => ({
  ...defaultLoadgenOptions(),
  seed: 1,
  ...overrides,
});

describe('runLoadgen', () => {
  it('sends valid batches of unique events at the requested rate', async () => {
    const collector = await recordingCollector(() => ({ status: 202 }));
    const reports: Progress[] = [];
    const summary = await runLoadgen(
      options({ url: collector.url, rate: 400, duration: 1.5, visitors: 50, batch: 10, site: 'test-shop' }),
      { onProgress: (progress) => reports.push(progress) },
    );

    const events = collector.requests.flatMap(({ body }) => {
      const batch = v.parse(BatchSchema, body);
      expect(batch.site).toBe('test-shop');
      expect(batch.events.length).toBeLessThanOrEqual(11);
      return batch.events.map((event) => v.parse(EventSchema, event));
    });
    // Open loop: the whole run's share goes out, plus at most one event per batch (steps are not split).
    expect(events.length).toBeGreaterThanOrEqual(600);
    expect(events.length).toBeLessThanOrEqual(600 + collector.requests.length);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(
      events.every((event) => event.vid && event.sid && event.url?.startsWith('http://localhost:8788/')),
    ).toBe(true);
    expect(collector.requests[0]?.headers).toMatchObject({
      origin: 'http://localhost:8788',
      'content-type': 'text/plain;charset=UTF-8',
    });

    expect(summary).toMatchObject({ sent: events.length, accepted: events.length, rejected: 0, lost: 0 });
    expect(summary.requests).toBe(collector.requests.length);
    expect(summary.statuses).toEqual({ 202: collector.requests.length });
    expect(summary.journeys.pageviews).toBe(events.filter((event) => event.type === 'pageview').length);
    expect(summary.latency.p99).toBeGreaterThan(0);
    expect(failed(summary)).toBe(false);
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(formatProgress(reports[0] as Progress, 1.5)).toMatch(/^\d s\/1\.5 · sent [\d,]+ · accepted/);
    expect(formatSummary(summary)).toContain(`accepted ${events.length.toLocaleString('en-US')}`);
  });

  it('keeps the pace when the collector is slow (open loop), and the latency shows it', async () => {
    const collector = await recordingCollector(() => ({ status: 202, delayMs: 400 }));
    const summary = await runLoadgen(options({ url: collector.url, rate: 200, duration: 1, batch: 5 }));
    expect(summary.sent).toBeGreaterThanOrEqual(200);
    expect(collector.maxConcurrent()).toBeGreaterThan(2);
    expect(summary.latency.p50).toBeGreaterThanOrEqual(400);
  });

  it('with --max, keeps exactly one request per connection in flight', async () => {
    const collector = await recordingCollector(() => ({ status: 202, delayMs: 50 }));
    const summary = await runLoadgen(options({ url: collector.url, max: true, connections: 2, duration: 1 }));
    expect(collector.maxConcurrent()).toBe(2);
    expect(summary.requests).toBe(collector.requests.length);
    expect(summary.accepted).toBe(summary.sent);
  });

  it('counts failed requests and lost events, and fails the run', async () => {
    let calls = 0;
    const collector = await recordingCollector(() => ({ status: ++calls % 2 ? 202 : 503 }));
    const summary = await runLoadgen(options({ url: collector.url, rate: 100, duration: 0.5, batch: 2 }));
    expect(summary.failedRequests).toBe(Math.floor(collector.requests.length / 2));
    expect(summary.lost + summary.accepted).toBe(summary.sent);
    expect(summary.errors).toEqual(['HTTP 503: down']);
    expect(failed(summary)).toBe(true);
  });

  it('fails requests that get no answer', async () => {
    const summary = await runLoadgen(options({ url: 'http://127.0.0.1:1', rate: 20, duration: 0.3 }));
    expect(summary.failedRequests).toBe(summary.requests);
    expect(summary.statuses).toEqual({ 0: summary.requests });
    expect(failed(summary)).toBe(true);
  });

  it('stops early when aborted and awaits what is in flight', async () => {
    const collector = await recordingCollector(() => ({ status: 202, delayMs: 100 }));
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const summary = await runLoadgen(options({ url: collector.url, rate: 100, duration: 60 }), {
      signal: stop.signal,
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.sent).toBeLessThan(1000);
    expect(summary.accepted).toBe(summary.sent);
  });
});
