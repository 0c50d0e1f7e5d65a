import { describe, expect, it } from 'vitest';
import { findSite, pickSite, SITES_PAGE } from './sites.js';
import { fakeDirectory, manyIds, page, site } from './testing/sites.js';

describe('findSite', () => {
  it('finds an exact id among substring matches, in as few pages as the sort order allows', async () => {
    const directory = fakeDirectory(manyIds(100_000));
    expect(await findSite(directory, 'shop-01234')).toEqual(site('shop-01234'));
    expect(directory.queries).toEqual([{ q: 'shop-01234', cursor: undefined, limit: 1000 }]);
  });

  it('follows the cursor while the id could still come, and stops once the pages pass it', async () => {
    // 2,500 ids contain "x" and sort before it.
    const directory = fakeDirectory([...manyIds(2500, 'a-').map((id) => `${id}-x`), 'x', 'z-x']);
    expect(await findSite(directory, 'x')).toEqual(site('x'));
    expect(directory.queries.map((q) => q.cursor)).toEqual([undefined, 'a-00999-x', 'a-01999-x']);

    const absent = fakeDirectory([...manyIds(2500, 'x-'), 'y']);
    expect(await findSite(absent, 'x')).toBeNull();
    expect(absent.queries).toHaveLength(1); // 'x' sorts before every 'x-…': not further on
  });

  it('answers null for an id nothing matches', async () => {
    expect(await findSite(fakeDirectory(['a', 'b']), 'gone')).toBeNull();
  });
});

describe('pickSite', () => {
  const first = page(['a', 'b', 'c']);

  it('keeps the first wanted id that exists, skipping empty and unknown ones', async () => {
    const api = fakeDirectory(['a', 'b', 'c']);
    expect((await pickSite(api, first, [null, 'gone', 'b', 'c']))?.id).toBe('b');
    expect(api.queries).toEqual([]); // the first page was complete: nothing to look up
  });

  it('falls back to the first site, or null for an empty directory', async () => {
    expect((await pickSite(fakeDirectory([]), first, ['gone']))?.id).toBe('a');
    expect(await pickSite(fakeDirectory([]), page([]), ['gone'])).toBeNull();
  });

  it('looks up a wanted id beyond the first page of a large directory', async () => {
    const ids = manyIds(100_000);
    const api = fakeDirectory(ids);
    const large = page(ids.slice(0, SITES_PAGE), ids.length);
    expect((await pickSite(api, large, ['shop-99999']))?.id).toBe('shop-99999');
    expect((await pickSite(api, large, ['shop-x', undefined]))?.id).toBe('shop-00000');
  });
});
