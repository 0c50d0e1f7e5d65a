import { describe, expect, it } from 'vitest';
import type { SitePage, SiteQuery } from './api.js';
import { siteSearch } from './site-search.js';
import { manualTimers, settle } from './testing/manual-timers.js';
import { fakeDirectory, manyIds } from './testing/sites.js';

function harness(sites: (query: SiteQuery) => Promise<SitePage>) {
  const timers = manualTimers();
  const results: { query: string; ids: string[]; total: number }[] = [];
  const errors: string[] = [];
  const search = siteSearch({
    api: { sites },
    timers,
    onResult: (query, page) => results.push({ query, ids: page.sites.map((s) => s.id), total: page.total }),
    onError: (error) => errors.push(error.message),
  });
  return { timers, results, errors, search };
}

describe('siteSearch', () => {
  it('asks once typing pauses, with the trimmed query and a page of at most 100', async () => {
    const directory = fakeDirectory(manyIds(100_000));
    const { timers, results, search } = harness(directory.sites);
    for (const typed of ['s', 'sh', 'shop-0999', 'shop-09999 ']) {
      search.search(typed);
      await timers.advance(100);
    }
    expect(directory.queries).toEqual([]);
    await timers.advance(250);
    expect(directory.queries).toEqual([{ q: 'shop-09999', cursor: undefined, limit: 100 }]);
    expect(results).toEqual([{ query: 'shop-09999', ids: ['shop-09999'], total: 1 }]);
  });

  it('drops an answer that arrives after a newer query was typed', async () => {
    const answers = new Map<string, (page: SitePage) => void>();
    const { timers, results, search } = harness(
      (query) => new Promise((resolve) => answers.set(query.q ?? '', resolve)),
    );
    search.search('slow');
    await timers.advance(250);
    search.search('fast');
    await timers.advance(250);
    answers.get('fast')?.({ sites: [], total: 0, next: null });
    answers.get('slow')?.({ sites: [], total: 5, next: null });
    await settle();
    expect(results).toEqual([{ query: 'fast', ids: [], total: 0 }]);
  });

  it('appends the next page after the one shown', async () => {
    const directory = fakeDirectory(manyIds(250));
    const { timers, results, search } = harness(directory.sites);
    search.search('');
    await timers.advance(250);
    const first = await directory.sites({ limit: 100 });
    search.more('', first);
    await settle();
    expect(directory.queries.at(-1)).toEqual({ q: undefined, cursor: 'shop-00099', limit: 100 });
    expect(results.at(-1)?.ids).toEqual(manyIds(200));
    search.more('', { ...first, next: null });
    await settle();
    expect(directory.queries).toHaveLength(3); // no cursor: nothing more to ask
  });

  it('reports a failure of the latest query only, and nothing after stop', async () => {
    const { timers, results, errors, search } = harness(async () => {
      throw new Error('503 Service Unavailable');
    });
    search.search('a');
    await timers.advance(250);
    expect(errors).toEqual(['503 Service Unavailable']);
    search.search('b');
    search.stop();
    await timers.advance(1000);
    expect(errors).toHaveLength(1);
    expect(results).toEqual([]);
  });
});
