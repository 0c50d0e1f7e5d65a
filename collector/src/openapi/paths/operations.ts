/** What operators call: metrics, liveness, readiness, and this document. */
import { answer, header, shared, text } from '../parts.js';
import { COLLECTOR, PUBLIC } from '../security.js';

export const operationPaths = () => ({
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics (text exposition format)',
      description:
        'Needs the collector token unless `CARTPULSE_METRICS_PUBLIC=1`; share tokens never open it. ' +
        'Answers 404 in a process started without metrics.',
      security: COLLECTOR,
      responses: {
        200: { description: 'the metrics', content: text('text/plain') },
        401: shared('Unauthorized'),
      },
    },
  },
  '/healthz': {
    get: {
      operationId: 'healthz',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      security: PUBLIC,
      responses: { 200: answer('alive', 'Health') },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readyz',
      tags: ['operations'],
      summary: 'Readiness: this collector can count events now',
      security: PUBLIC,
      responses: {
        200: answer('ready', 'Health'),
        503: answer('not ready; `error` says why', 'NotReady'),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi',
      tags: ['operations'],
      summary: 'This document',
      security: PUBLIC,
      responses: {
        200: {
          description: 'OpenAPI 3.1',
          headers: { 'Cache-Control': header('`public, max-age=300`') },
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  },
});
