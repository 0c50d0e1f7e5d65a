/**
 * One load run: shoppers generate events, the open-loop schedule decides when they are due, batches go
 * to the collector, and the answers are tallied into progress reports and a final summary.
 */
import { type JourneyTotals, Shoppers } from './journey.js';
import type { LoadgenOptions } from './options.js';
import { Latencies } from './percentile.js';
import { seededRandom } from './random.js';
import { batchSizes, eventsDueBy, TICK_MS } from './schedule.js';
import { createSender, type SendResult } from './send.js';

/** A running tally, reported about once a second and at the end. */
export interface Progress {
  elapsedMs: number;
  /** Events in requests that have been sent. */
  sent: number;
  /** Events the collector accepted (202 answers). */
  accepted: number;
  /** Events the collector answered as invalid. */
  rejected: number;
  /** Events in requests that failed (no answer, or not 202). */
  lost: number;
  requests: number;
  failedRequests: number;
  /** Requests sent and not answered yet. */
  inFlight: number;
  /** Accepted events per second since the previous report. */
  eventsPerSecond: number;
  /** 99th percentile latency (ms) of the requests answered since the previous report; NaN if none. */
  p99Ms: number;
}

export interface Summary extends Progress {
  options: LoadgenOptions;
  /** Accepted events per second over the whole run. */
  acceptedPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Answers by HTTP status, "0" for no answer. */
  statuses: Record<string, number>;
  /** The first few distinct failure reasons. */
  errors: string[];
  /** What the simulated shoppers did (compare with the dashboard). */
  journeys: JourneyTotals;
  /** True when the run was stopped before its duration. */
  interrupted: boolean;
}

export interface RunHooks {
  /** Called about once a second. */
  onProgress?: (progress: Progress) => void;
  /** Aborting stops generating; requests in flight are still awaited. */
  signal?: AbortSignal;
  /** @default performance.now */
  clock?: () => number;
  /** Time stamp of the events, epoch ms. @default Date.now */
  wallClock?: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLoadgen(options: LoadgenOptions, hooks: RunHooks = {}): Promise<Summary> {
  const clock = hooks.clock ?? (() => performance.now());
  const wallClock = hooks.wallClock ?? Date.now;
  const random = seededRandom(options.seed);
  const runId = `lg${options.seed.toString(36)}${wallClock().toString(36).slice(-4)}`;
  const shoppers = new Shoppers({ visitors: options.visitors, random, origin: options.origin, runId });
  const sender = createSender(options);
  const latencies = new Latencies();
  const statuses: Record<string, number> = {};
  const errors = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const tally = { sent: 0, accepted: 0, rejected: 0, lost: 0, requests: 0, failedRequests: 0 };
  const start = clock();
  const durationMs = options.duration * 1000;
  let generated = 0;

  function post(count: number, intendedAt: number): Promise<void> {
    const events = shoppers.next(count, wallClock());
    generated += events.length;
    const body = JSON.stringify({ site: options.site, sent: wallClock(), events });
    tally.sent += events.length;
    tally.requests += 1;
    const done = sender.send(body).then((result: SendResult) => {
      // Latency from when the batch was due, not from when a connection was free (open loop).
      latencies.add(clock() - intendedAt);
      statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      tally.accepted += result.accepted;
      tally.rejected += result.rejected;
      if (result.error) {
        tally.failedRequests += 1;
        tally.lost += events.length;
        if (errors.size < 5) errors.add(result.error);
      }
    });
    const tracked = done.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  }

  let lastReport = { at: start, accepted: 0, samples: 0 };
  function progress(now: number): Progress {
    const seconds = (now - lastReport.at) / 1000;
    const report: Progress = {
      elapsedMs: now - start,
      ...tally,
      inFlight: inFlight.size,
      eventsPerSecond: seconds > 0 ? (tally.accepted - lastReport.accepted) / seconds : 0,
      p99Ms: latencies.percentile(99, lastReport.samples),
    };
    lastReport = { at: now, accepted: tally.accepted, samples: latencies.count };
    return report;
  }

  const stopped = () => hooks.signal?.aborted === true || clock() - start >= durationMs;
  const reporter = setInterval(() => hooks.onProgress?.(progress(clock())), 1000);
  try {
    if (options.max) {
      // Closed loop: each connection sends its next batch as soon as the previous one is answered.
      const worker = async () => {
        while (!stopped()) await post(options.batch, clock());
      };
      await Promise.all(Array.from({ length: options.connections }, worker));
    } else {
      for (;;) {
        const now = clock();
        const due = eventsDueBy({ rate: options.rate, durationMs }, now - start) - generated;
        for (const size of batchSizes(due, options.batch)) void post(size, now);
        if (hooks.signal?.aborted || now - start >= durationMs) break;
        await sleep(Math.min(TICK_MS, durationMs - (now - start)));
      }
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(reporter);
    sender.close();
  }

  const end = clock();
  const final = progress(end);
  const seconds = (end - start) / 1000;
  return {
    ...final,
    options,
    acceptedPerSecond: seconds > 0 ? tally.accepted / seconds : 0,
    latency: {
      p50: latencies.percentile(50),
      p90: latencies.percentile(90),
      p99: latencies.percentile(99),
      max: latencies.max(),
    },
    statuses,
    errors: [...errors],
    journeys: { ...shoppers.totals },
    interrupted: hooks.signal?.aborted === true,
  };
}
