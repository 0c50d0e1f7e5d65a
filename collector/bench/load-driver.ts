/**
 * The load driver: a child process (so that it never shares the server's event loop) that posts
 * `/ingest` bodies over N keep-alive connections, as fast as answers come or at a set rate, and reports
 * what was answered in the measured window. Started by drive.ts; talks to it over the IPC channel.
 */
import { type BodyShape, ingestBody } from './bodies.js';
import { postHead, RawConnection } from './raw-http.js';
import { nthBatch } from './shops.js';

export interface LoadPlan {
  /** Server base URL; bodies go to `<url>/ingest`. */
  url: string;
  /** Batch n uses shapes[n % length]: one site, or several with and without client ids. */
  shapes: BodyShape[];
  connections: number;
  /** Load before the measured window, not counted. */
  warmupMs: number;
  /** The measured window; the driver stops sending at its end, or earlier when told to stop. */
  durationMs: number;
  /** Cap on requests per second over all connections; absent: each connection sends as soon as answered. */
  requestsPerSecond?: number;
  /**
   * Build this many requests up front and send them in turn, so that building bodies costs the driver
   * nothing while it runs. Event ids then repeat every `bodyPool` requests: only for servers that do not
   * count events (ingest alone). Absent: every request is built as it is sent, with ids of its own.
   */
  bodyPool?: number;
  userAgent: string;
  /**
   * Keep each answer's latency: from the time the request was due when paced (`requestsPerSecond`), so
   * that a stalled server delays the requests waiting behind it too, else from when it was sent.
   * @default false
   */
  latencies?: boolean;
}

export interface LoadResult {
  /** Requests answered inside the measured window. */
  requests: number;
  /** Events in the requests answered 202 inside the measured window. */
  events: number;
  /** Requests answered inside the window, by status (0: no answer). */
  statuses: Record<string, number>;
  windowMs: number;
  /** CPU time the driver itself used in the window: near `windowMs` means it, not the server, was the limit. */
  driverCpuMs: number;
  /** Events answered 202 over the whole run, warm-up and stragglers included. */
  acceptedEvents: number;
  /** With `latencies`: ms until each answer inside the measured window, in no particular order. */
  latenciesMs?: number[];
}

/** What the parent may send while the load runs. */
export type DriverMessage = { plan: LoadPlan } | { stop: true };

export function runLoad(plan: LoadPlan): { done: Promise<LoadResult>; stop(): void } {
  const target = new URL('/ingest', plan.url);
  const started = performance.now();
  const windowStart = started + plan.warmupMs;
  let windowEnd = windowStart + plan.durationMs;
  let next = 0;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  const result: LoadResult = {
    requests: 0,
    events: 0,
    statuses: {},
    windowMs: 0,
    driverCpuMs: 0,
    acceptedEvents: 0,
    latenciesMs: plan.latencies ? [] : undefined,
  };
  const cpuTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
  }, plan.warmupMs);

  const build = (n: number) => {
    const { shape, seq } = nthBatch(plan.shapes, n);
    const body = ingestBody(shape, seq, Date.now());
    return { text: postHead(target, body, plan.userAgent) + body, events: shape.events };
  };
  const pool = Array.from({ length: plan.bodyPool ?? 0 }, (_, n) => build(n));
  const connections: RawConnection[] = [];
  const connection = async () => {
    const http = new RawConnection(target.hostname, Number(target.port));
    connections.push(http);
    for (;;) {
      const n = next++;
      let due = 0;
      if (plan.requestsPerSecond) {
        due = started + (n * 1000) / plan.requestsPerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (performance.now() >= windowEnd) return;
      const request = pool.length ? pool[n % pool.length] : build(n);
      const sent = performance.now();
      const status = await http.request(request.text);
      const answered = performance.now();
      if (status === 202) result.acceptedEvents += request.events;
      if (answered < windowStart || answered >= windowEnd) continue;
      result.latenciesMs?.push(answered - (due || sent));
      result.requests++;
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status === 202) result.events += request.events;
    }
  };

  const done = Promise.all(Array.from({ length: plan.connections }, connection)).then(() => {
    clearTimeout(cpuTimer);
    const cpu = process.cpuUsage(cpuAtStart);
    result.driverCpuMs = cpuAtStart ? (cpu.user + cpu.system) / 1000 : 0;
    result.windowMs = Math.max(0, windowEnd - windowStart);
    for (const http of connections) http.close();
    return result;
  });
  return {
    done,
    stop: () => {
      windowEnd = Math.min(windowEnd, performance.now());
    },
  };
}

// As a child process: a plan in, maybe a stop, one result out.
if (process.send) {
  let running: ReturnType<typeof runLoad> | undefined;
  process.on('message', async (message: DriverMessage) => {
    if ('stop' in message) return running?.stop();
    running = runLoad(message.plan);
    const result = await running.done;
    process.send?.(result, () => process.exit(0));
  });
}
