/** Test helper: sites and directory pages, and a fake `GET /api/sites` over a sorted list of ids. */
import type { Site, SitePage, SiteQuery } from '../api.js';

export const site = (id: string, overrides: Partial<Site> = {}): Site => ({
  id,
  name: id,
  timezone: 'UTC',
  origins: [],
  ...overrides,
});

/** A page as the collector answers it: `sites` of `total`, with a cursor when more follow. */
export const page = (ids: string[], total = ids.length): SitePage => ({
  sites: ids.map((id) => site(id)),
  total,
  next: ids.length < total ? (ids.at(-1) ?? null) : null,
});

/** `shop-00000` … : `count` ids, sorted as the collector sorts them. */
export const manyIds = (count: number, prefix = 'shop-') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

/** The collector's listing over `ids`: substring match on the id, sorted, cursor = last id of a page. */
export function fakeDirectory(ids: string[]) {
  const sorted = [...ids].sort();
  const queries: SiteQuery[] = [];
  return {
    queries,
    async sites(query: SiteQuery = {}): Promise<SitePage> {
      queries.push(query);
      const matching = sorted.filter((id) => !query.q || id.includes(query.q));
      const after = query.cursor ? matching.filter((id) => id > (query.cursor as string)) : matching;
      const ids = after.slice(0, query.limit ?? 100);
      const more = after.length > ids.length;
      return { sites: ids.map((id) => site(id)), total: matching.length, next: more ? ids.at(-1)! : null };
    },
  };
}
