/** What is served as files: the dashboard's pages and assets, and the SDK script for a `<script>` tag. */
import { answer, header, text } from '../parts.js';
import { PUBLIC } from '../security.js';

function page(operationId: string, summary: string) {
  return {
    operationId,
    tags: ['dashboard'],
    summary,
    security: PUBLIC,
    responses: {
      200: { description: 'the page, with a strict Content-Security-Policy', content: text('text/html') },
      503: { description: 'the dashboard is not built', content: text('text/plain') },
    },
  };
}

export const filePaths = () => ({
  '/': { get: page('dashboard', 'The dashboard (its API calls need a token)') },
  '/share/{token}': {
    get: {
      ...page('sharedDashboard', 'The read-only dashboard of a share link'),
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
    },
  },
  '/assets/{file}': {
    get: {
      operationId: 'dashboardAsset',
      tags: ['dashboard'],
      summary: "The dashboard's content-hashed scripts and styles, cacheable forever",
      security: PUBLIC,
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'the file',
          headers: { 'Cache-Control': header('`public, max-age=31536000, immutable`') },
          content: Object.fromEntries(
            [
              'text/javascript',
              'text/css',
              'application/json',
              'image/svg+xml',
              'image/png',
              'font/woff2',
            ].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
          ),
        },
        404: answer('no such file', 'Error'),
      },
    },
  },
  '/cp.js': {
    get: {
      operationId: 'sdkScript',
      tags: ['ingest'],
      summary: 'The SDK for a `<script>` tag',
      description: 'Gzipped when the browser accepts it; loadable from any origin.',
      security: PUBLIC,
      parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'the script',
          headers: {
            ETag: header('a strong validator of this representation'),
            'Cache-Control': header('`public, max-age=300`'),
          },
          content: text('application/javascript'),
        },
        304: { description: 'the copy named by `If-None-Match` is current' },
        503: { description: 'the SDK is not built', content: text('text/plain') },
      },
    },
  },
});
