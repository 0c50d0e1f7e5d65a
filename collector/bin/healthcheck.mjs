#!/usr/bin/env node
// Container health check (Dockerfile HEALTHCHECK, docker-compose.yml): exits 0 when the URL answers 2xx
// within 3 s, else 1. Default: this container's collector, http://127.0.0.1:$PORT/readyz. A standalone
// consumer: `node collector/bin/healthcheck.mjs http://127.0.0.1:9464/readyz`. Node has no curl to lean on.
const url = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT || 8787}/readyz`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
