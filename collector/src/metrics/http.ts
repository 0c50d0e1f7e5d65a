/**
 * `http_request_duration_seconds{method,route,status}`: time until the response (its headers, for a
 * stream) is ready. `route` is the pattern that answered (`/api/shares/:id`), never the raw path, so a
 * storefront cannot mint new series; requests no route matched count as `unmatched`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Histogram, type Registry } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Seconds; from a Redis round trip on localhost to a request stuck behind a slow Redis. */
export const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type RequestObserver = (route: string, method: string, status: number, seconds: number) => void;

/** The label values of a request that has been answered: all from bounded sets. */
export function requestLabels(c: Context): { route: string; method: string; status: number } {
  const status = c.res.status;
  let route = routePath(c) || 'unmatched';
  // Nothing but a wildcard middleware (this one) saw a request that ended in 404: no route matched.
  if (status === 404 && route.endsWith('*')) route = 'unmatched';
  const method = METHODS.has(c.req.method) ? c.req.method : 'other';
  return { route, method, status };
}

/** Times every request; mount it first (`app.use('*', timeRequests(...))`). */
export function timeRequests(observe: RequestObserver | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!observe) return next();
    const started = performance.now();
    await next();
    const { route, method, status } = requestLabels(c);
    observe(route, method, status, (performance.now() - started) / 1000);
  };
}

export function requestDurationHistogram(registry: Registry): RequestObserver {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request (to the response headers for a stream), by route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  return (route, method, status, seconds) =>
    histogram.observe({ route, method, status: String(status) }, seconds);
}
