/** The site registry and the read-only share links. */
import { SiteIdSchema } from '../../protocol/schema.js';
import { SiteListQuerySchema } from '../../routes/sites.js';
import { convert, type Json } from '../convert.js';
import { answer, json, NO_STORE, ref, shared, siteQuery } from '../parts.js';
import { COLLECTOR, READER } from '../security.js';

/** The list query's fields, one parameter each (a query is a set of parameters, not a component). */
function siteListParameters() {
  const query = convert({ SiteId: SiteIdSchema, Query: SiteListQuerySchema }).Query as {
    properties: Record<string, Json>;
  };
  const descriptions: Record<string, string> = {
    q: 'search: sites whose id or name contains it, case-insensitive',
    cursor: 'the `next` of the previous page',
    limit: 'sites per page (default 100)',
  };
  return Object.entries(query.properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name],
    schema,
  }));
}

const siteIdParameter = { name: 'id', in: 'path', required: true, schema: ref('SiteId') };

export const sitePaths = () => ({
  '/api/sites': {
    get: {
      operationId: 'listSites',
      tags: ['sites'],
      summary: 'Registered sites, a page at a time, sorted by id',
      description: 'With a share token: only its own site, and the query is ignored.',
      security: READER,
      parameters: siteListParameters(),
      responses: {
        200: answer('a page of sites', 'SitePage', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        503: shared('Unavailable'),
      },
    },
    post: {
      operationId: 'registerSite',
      tags: ['sites'],
      summary: 'Register a site, or replace its registration',
      security: COLLECTOR,
      requestBody: { required: true, content: json('SiteRegistration') },
      responses: {
        200: answer('replaced', 'Site', NO_STORE),
        201: answer('registered', 'Site', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/sites/refused': {
    get: {
      operationId: 'listRefusedSites',
      tags: ['sites'],
      summary: 'Site ids that sent events without being registered, newest first (at most 100)',
      security: COLLECTOR,
      responses: {
        200: answer('the refused ids', 'RefusedSites', NO_STORE),
        401: shared('Unauthorized'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/sites/{id}': {
    delete: {
      operationId: 'removeSite',
      tags: ['sites'],
      summary: 'Remove a site and everything of it',
      security: COLLECTOR,
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref('SiteId') }],
      responses: {
        200: answer('removed', 'DeletedSite', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        404: answer('no such site: `{"error": "unknown site: <id>"}`', 'Error'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/sites/{id}/keys': {
    post: {
      operationId: 'createServerKey',
      tags: ['sites'],
      summary: "Create a server key for the site: what the shop's backend sends orders with",
      description:
        'The key opens `POST /ingest/orders` for this site only; it is in this answer only (Redis keeps its ' +
        'SHA-256). A site may have several keys (rotate by creating a new one, then revoking the old).',
      security: COLLECTOR,
      parameters: [siteIdParameter],
      responses: {
        201: answer('created; the key is in this answer only', 'NewServerKey', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        404: answer('the site is not registered: `{"error": "unknown site: <id>"}`', 'Error'),
        503: shared('Unavailable'),
      },
    },
    get: {
      operationId: 'listServerKeys',
      tags: ['sites'],
      summary: "The site's server keys, oldest first, without the keys",
      security: COLLECTOR,
      parameters: [siteIdParameter],
      responses: {
        200: answer('the keys', 'ServerKeyList', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        404: answer('the site is not registered', 'Error'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/sites/{id}/keys/{keyId}': {
    delete: {
      operationId: 'revokeServerKey',
      tags: ['sites'],
      summary:
        'Revoke a server key: refused at once by this collector, by the others within `registryRefreshMs` (1 s)',
      security: COLLECTOR,
      parameters: [
        siteIdParameter,
        { name: 'keyId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{12}$' } },
      ],
      responses: {
        200: answer('revoked', 'DeletedKey', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        404: answer('no such site, or no such key of it', 'Error'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/shares': {
    post: {
      operationId: 'createShare',
      tags: ['shares'],
      summary: 'Create a read-only link to one site',
      security: COLLECTOR,
      requestBody: { required: true, content: json('CreateShare') },
      responses: {
        201: answer('created; the token is in this answer only', 'NewShareLink', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        503: shared('Unavailable'),
      },
    },
    get: {
      operationId: 'listShares',
      tags: ['shares'],
      summary: 'Share links, oldest first, without their tokens',
      security: COLLECTOR,
      parameters: [{ ...siteQuery("only this site's links"), required: false }],
      responses: {
        200: answer('the links', 'ShareLinks', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/shares/{id}': {
    delete: {
      operationId: 'revokeShare',
      tags: ['shares'],
      summary: 'Revoke a share link: its token stops working, its open streams close within 15 s',
      security: COLLECTOR,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        204: { description: 'revoked' },
        401: shared('Unauthorized'),
        404: answer('no such share link', 'Error'),
        503: shared('Unavailable'),
      },
    },
  },
});
