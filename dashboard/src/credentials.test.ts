import { describe, expect, it } from 'vitest';
import {
  type BrowserEnv,
  forgetToken,
  keepToken,
  putSiteInUrl,
  siteFromUrl,
  TOKEN_KEY,
  takeCredential,
} from './credentials.js';
import { filterFromUrl } from './filter.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function fakeEnv(url: string) {
  const parsed = new URL(url, 'http://127.0.0.1:8787');
  const location = { pathname: parsed.pathname, search: parsed.search, hash: parsed.hash };
  const replaced: string[] = [];
  const env = {
    location,
    history: {
      replaceState(_data: unknown, _unused: string, next: string) {
        replaced.push(next);
        const again = new URL(next, 'http://127.0.0.1:8787');
        Object.assign(location, { pathname: again.pathname, search: again.search, hash: again.hash });
      },
    },
    session: memoryStorage(),
    local: memoryStorage(),
  } satisfies BrowserEnv;
  return { env, replaced };
}

describe('credentials', () => {
  it('takes the token from the fragment once and removes it from the address bar', () => {
    const { env, replaced } = fakeEnv('/?site=shop#token=s3cret');
    expect(takeCredential(env)).toEqual({ kind: 'token', token: 's3cret' });
    expect(replaced).toEqual(['/?site=shop']);
    expect(env.session.items.get(TOKEN_KEY)).toBe('s3cret');
    // The next load finds it in storage, not in the URL.
    expect(takeCredential(env)).toEqual({ kind: 'token', token: 's3cret' });
    expect(replaced).toHaveLength(1);
  });

  it('takes the token from the query string and keeps the other parameters', () => {
    const { env, replaced } = fakeEnv('/?token=abc&site=shop#x=1');
    expect(takeCredential(env)?.token).toBe('abc');
    expect(replaced).toEqual(['/?site=shop#x=1']);
  });

  it('keeps a filter in the fragment when it removes the token, and beside a share token', () => {
    const { env, replaced } = fakeEnv('/?site=shop#token=s3cret&filter=channel:Organic%20Search');
    expect(takeCredential(env)?.token).toBe('s3cret');
    expect(replaced[0]).not.toContain('s3cret');
    expect(filterFromUrl(env)).toEqual({ dimension: 'channel', value: 'Organic Search' });
    const share = fakeEnv('/#share=cps_def&filter=country:DE');
    expect(takeCredential(share.env)).toEqual({ kind: 'share', token: 'cps_def' });
    expect(filterFromUrl(share.env)).toEqual({ dimension: 'country', value: 'DE' });
  });

  it('treats share links as read-only credentials that stay in the URL', () => {
    const path = fakeEnv('/share/cps_abc');
    expect(takeCredential(path.env)).toEqual({ kind: 'share', token: 'cps_abc' });
    expect(path.replaced).toEqual([]);
    const hash = fakeEnv('/#share=cps_def');
    expect(takeCredential(hash.env)).toEqual({ kind: 'share', token: 'cps_def' });
    expect(hash.env.session.items.size).toBe(0);
  });

  it('remembers a signed-in token on the device only when asked, and forgets it on sign-out', () => {
    const { env } = fakeEnv('/');
    expect(takeCredential(env)).toBeNull();
    keepToken(env, 'tab-only', false);
    expect(env.local.items.has(TOKEN_KEY)).toBe(false);
    keepToken(env, 'device', true);
    expect(env.local.items.get(TOKEN_KEY)).toBe('device');
    forgetToken(env);
    expect(takeCredential(env)).toBeNull();
  });

  it('keeps the chosen site in the URL', () => {
    const { env } = fakeEnv('/?a=1');
    expect(siteFromUrl(env)).toBeNull();
    putSiteInUrl(env, 'shop-2');
    expect(siteFromUrl(env)).toBe('shop-2');
    expect(env.location.search).toBe('?a=1&site=shop-2');
  });
});
