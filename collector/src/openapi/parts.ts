/**
 * What the operations are written with: references to the named schemas, answers, headers, the shared
 * responses (`#/components/responses/<name>`) and the `site` query parameter.
 */
import type { Json } from './convert.js';
import type { SchemaName } from './schemas.js';

export const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: SchemaName) => ({ 'application/json': { schema: ref(name) } });
export const answer = (description: string, name?: SchemaName, headers?: Json) => ({
  description,
  ...(headers && { headers }),
  ...(name && { content: json(name) }),
});
export const shared = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });
export const text = (type: string) => ({ [type]: { schema: { type: 'string' } } });
export const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

export const RETRY_AFTER = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
export const NO_STORE = { 'Cache-Control': header('`no-store`') };

export const RESPONSES = {
  BadRequest: answer('the request does not fit: `error` says which field and why', 'Error'),
  Unauthorized: answer('no token, or a wrong one', 'Error', {
    'WWW-Authenticate': header('`Bearer`'),
  }),
  Forbidden: answer('a share token (or stream ticket) for another site', 'Error'),
  Unavailable: answer(
    'Redis is unreachable or refuses writes: nothing was stored or read, retry after `Retry-After` seconds',
    'Error',
    RETRY_AFTER,
  ),
};

export const HEADERS = {
  RetryAfter: header('seconds to wait before sending again', { type: 'integer', minimum: 0 }),
};

/** `filter=<dimension>:<value>`: the snapshot of only one breakdown row's sessions. */
export const filterQuery = () => ({
  name: 'filter',
  in: 'query',
  required: false,
  description:
    'only the sessions of one breakdown row: `<dimension>:<value>` (split at the first colon), the dimension one of channel, source, campaign, country, device, browser, os, entry; 400 when breakdowns are off',
  schema: { type: 'string', examples: ['channel:Email', 'country:DE'] },
});

export const siteQuery = (description = 'the site id') => ({
  name: 'site',
  in: 'query',
  required: true,
  description,
  schema: ref('SiteId'),
});
