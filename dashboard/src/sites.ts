/**
 * The site directory as the dashboard reads it: a page at a time, never the whole list, because one
 * installation may hold 100,000 sites.
 */
import type { Api, Site, SitePage } from './api.js';

/** Sites listed at once: the first page the page loads, and the most options the switcher renders. */
export const SITES_PAGE = 100;
/** Page size while looking for one id: the collector's maximum, so usually a single request. */
const LOOKUP_PAGE = 1000;

/**
 * The site with exactly this id, or null. `q` also matches substrings and names, so the answer may hold
 * other sites; it is sorted by id, so once a page ends past `id` the id is known to be absent.
 */
export async function findSite(api: Pick<Api, 'sites'>, id: string): Promise<Site | null> {
  let cursor: string | undefined;
  for (;;) {
    const page = await api.sites({ q: id, cursor, limit: LOOKUP_PAGE });
    const found = page.sites.find((site) => site.id === id);
    if (found) return found;
    const last = page.sites.at(-1);
    if (!page.next || !last || last.id > id) return null;
    cursor = page.next;
  }
}

/**
 * The site to show: the first of `wanted` (the one on screen, the URL's, the last viewed) that still
 * exists, else the first site, else null. Ids beyond the first page are looked up, not assumed.
 */
export async function pickSite(
  api: Pick<Api, 'sites'>,
  first: SitePage,
  wanted: (string | null | undefined)[],
): Promise<Site | null> {
  for (const id of wanted) {
    if (!id) continue;
    const listed = first.sites.find((site) => site.id === id);
    if (listed) return listed;
    if (first.sites.length < first.total) {
      const found = await findSite(api, id);
      if (found) return found;
    }
  }
  return first.sites[0] ?? null;
}
