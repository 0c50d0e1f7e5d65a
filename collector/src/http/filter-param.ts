/** The `filter=<dimension>:<value>` query parameter of `/api/realtime` and `/api/stream`. */
import type { Context } from 'hono';
import { DIMENSIONS, type Filter, parseFilter } from '../windows/dimensions.js';

export type FilterParam = { ok: true; filter?: Filter } | { ok: false; error: string };

export function filterParam(c: Context, breakdowns: boolean): FilterParam {
  const text = c.req.query('filter');
  if (text === undefined || text === '') return { ok: true };
  if (!breakdowns)
    return { ok: false, error: 'filters need breakdowns, which are off here (CARTPULSE_BREAKDOWNS=off)' };
  const filter = parseFilter(text);
  if (!filter)
    return {
      ok: false,
      error: `filter must be <dimension>:<value>, the dimension one of ${DIMENSIONS.join(', ')}`,
    };
  return { ok: true, filter };
}
