/**
 * Searching the site directory while someone types: one request per pause in typing, and an answer that
 * arrives after a newer query was typed is dropped, so the results never go back in time.
 */
import type { Api, SitePage } from './api.js';
import { browserTimers, type Timers } from './live.js';
import { SITES_PAGE } from './sites.js';

export interface SiteSearchOptions {
  api: Pick<Api, 'sites'>;
  /** The answer to the latest query: its first page, or every page so far after `more`. */
  onResult(query: string, page: SitePage): void;
  onError(error: Error): void;
  /** @default SITES_PAGE */
  limit?: number;
  /** Quiet time after the last keystroke before the request goes out. @default 250 */
  debounceMs?: number;
  /** @default the browser's */
  timers?: Timers;
}

export interface SiteSearch {
  /** Searches for `query` (trimmed) once typing pauses; an empty query lists the first sites. */
  search(query: string): void;
  /** Fetches the page after `shown` and reports it appended to `shown`. */
  more(query: string, shown: SitePage): void;
  /** Drops the pending request and any answer still on its way. */
  stop(): void;
}

export function siteSearch(options: SiteSearchOptions): SiteSearch {
  const { api, onResult, onError, limit = SITES_PAGE, debounceMs = 250, timers = browserTimers } = options;
  let generation = 0;
  let timer: unknown;

  async function run(query: string, shown?: SitePage) {
    const mine = ++generation;
    try {
      const page = await api.sites({ q: query || undefined, cursor: shown?.next ?? undefined, limit });
      if (mine !== generation) return;
      onResult(query, shown ? { ...page, sites: [...shown.sites, ...page.sites] } : page);
    } catch (error) {
      if (mine === generation) onError(error as Error);
    }
  }

  const stop = () => {
    timers.clearTimeout(timer);
    generation++;
  };
  return {
    search(query) {
      stop();
      timer = timers.setTimeout(() => void run(query.trim()), debounceMs);
    },
    more(query, shown) {
      if (!shown.next) return;
      stop();
      void run(query.trim(), shown);
    },
    stop,
  };
}
