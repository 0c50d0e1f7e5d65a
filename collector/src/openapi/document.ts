/**
 * The OpenAPI 3.1 document of the collector: info, tags, the paths of every area, and the components
 * (named schemas converted from valibot, shared responses and headers, security schemes).
 */
import pkg from '../../package.json' with { type: 'json' };
import { convert } from './convert.js';
import { HEADERS, RESPONSES } from './parts.js';
import { alertPaths } from './paths/alerts.js';
import { filePaths } from './paths/files.js';
import { ingestPaths } from './paths/ingest.js';
import { livePaths } from './paths/live.js';
import { operationPaths } from './paths/operations.js';
import { sitePaths } from './paths/sites.js';
import { webhookPaths } from './paths/webhooks.js';
import { SCHEMAS } from './schemas.js';
import { SECURITY_SCHEMES } from './security.js';

/** The whole document (the route builds it once, on the first request). */
export function openapiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cartpulse collector',
      version: pkg.version,
      description:
        'Real-time analytics for shops: storefronts send events to `POST /ingest`; dashboards read live ' +
        'windows from `/api/realtime` and `/api/stream`. The protocol is explained in docs/protocol.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'ingest', description: 'What storefronts call' },
      { name: 'live', description: 'Live numbers of one site' },
      { name: 'sites', description: 'The site registry' },
      { name: 'shares', description: 'Read-only links to one site' },
      { name: 'alerts', description: 'Alert rules: webhooks when a shop needs attention' },
      { name: 'dashboard', description: "The dashboard's pages and files" },
      { name: 'operations', description: 'Health, readiness, metrics' },
    ],
    paths: {
      ...ingestPaths(),
      ...webhookPaths(),
      ...livePaths(),
      ...sitePaths(),
      ...alertPaths(),
      ...filePaths(),
      ...operationPaths(),
    },
    components: {
      schemas: convert(SCHEMAS),
      responses: RESPONSES,
      headers: HEADERS,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
