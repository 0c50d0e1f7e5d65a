import { describe, expect, it } from 'vitest';
import type { BrowserEnv } from './credentials.js';
import { filterFromUrl, filterKey, filterParam, parseFilter, putFilterInUrl } from './filter.js';

function fakeEnv(url: string) {
  const parsed = new URL(url, 'http://127.0.0.1:8787');
  const location = { pathname: parsed.pathname, search: parsed.search, hash: parsed.hash };
  const env = {
    location,
    history: {
      replaceState(_data: unknown, _unused: string, next: string) {
        const again = new URL(next, 'http://127.0.0.1:8787');
        Object.assign(location, { pathname: again.pathname, search: again.search, hash: again.hash });
      },
    },
  } satisfies Pick<BrowserEnv, 'location' | 'history'>;
  return env;
}

describe('filter', () => {
  it('splits at the first colon and refuses unknown dimensions and empty values', () => {
    expect(parseFilter('channel:Email')).toEqual({ dimension: 'channel', value: 'Email' });
    expect(parseFilter('campaign:spring:sale')).toEqual({ dimension: 'campaign', value: 'spring:sale' });
    for (const bad of ['', 'Email', ':Email', 'channel:', 'planet:Mars', 'constructor:x', null])
      expect(parseFilter(bad), String(bad)).toBeNull();
  });

  it('encodes the value and keeps the colon readable', () => {
    expect(filterParam({ dimension: 'channel', value: 'Organic Search' })).toBe('channel:Organic%20Search');
    expect(filterParam({ dimension: 'entry', value: '/p/a&b#c' })).toBe('entry:%2Fp%2Fa%26b%23c');
    expect(filterKey({ dimension: 'channel', value: 'Email' })).toBe('channel:Email');
    expect(filterKey(null)).toBe('');
  });

  it('keeps the filter in the fragment beside the other parameters, and removes it', () => {
    const env = fakeEnv('/share/cps_x?site=shop#share=cps%2Fx');
    putFilterInUrl(env, { dimension: 'entry', value: '/p/a&b' });
    expect(env.location.hash).toBe('#share=cps%2Fx&filter=entry:%2Fp%2Fa%26b');
    expect(filterFromUrl(env)).toEqual({ dimension: 'entry', value: '/p/a&b' });
    putFilterInUrl(env, { dimension: 'channel', value: 'Email' });
    expect(env.location.hash).toBe('#share=cps%2Fx&filter=channel:Email');
    expect(env.location.search).toBe('?site=shop');
    putFilterInUrl(env, null);
    expect(env.location.hash).toBe('#share=cps%2Fx');
    expect(filterFromUrl(env)).toBeNull();
    const bare = fakeEnv('/#filter=channel:Email');
    putFilterInUrl(bare, null);
    expect(bare.location.hash).toBe('');
  });

  it('reads a share link written by hand, with the value unencoded', () => {
    expect(filterFromUrl(fakeEnv('/#filter=channel:Organic Search'))).toEqual({
      dimension: 'channel',
      value: 'Organic Search',
    });
    expect(filterFromUrl(fakeEnv('/#token=t&filter=country:DE'))).toEqual({
      dimension: 'country',
      value: 'DE',
    });
    expect(filterFromUrl(fakeEnv('/#filter=nope:1'))).toBeNull();
  });
});
