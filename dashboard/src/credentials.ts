/**
 * Who the viewer is: the collector token (full access) or a share token (one site, read-only).
 *
 * The collector token may arrive once in the URL (`#token=` or `?token=`, as `npm start` prints it); it is
 * then moved into storage and removed from the address bar with `history.replaceState`, so it does not
 * linger in history, bookmarks or screenshots. A share link (`/share/<token>` or `#share=<token>`) is the
 * credential itself and stays in the URL, so a wall screen can reload or bookmark it.
 */

export interface Credential {
  kind: 'token' | 'share';
  token: string;
}

/** The parts of `window` that credentials touch; tests pass fakes. */
export interface BrowserEnv {
  location: { pathname: string; search: string; hash: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  /** Keeps the token for this tab (survives reloads). */
  session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Keeps the token on this device when the viewer asks to be remembered. */
  local: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export const TOKEN_KEY = 'cartpulse.token';
const SHARE_PATH = /^\/share\/([^/?#]+)\/?$/;

/** Reads the credential for this page load, removing a collector token from the URL if it was there. */
export function takeCredential(env: BrowserEnv): Credential | null {
  const { pathname, search, hash } = env.location;
  const shared = SHARE_PATH.exec(pathname)?.[1] ?? new URLSearchParams(hash.slice(1)).get('share');
  if (shared) return { kind: 'share', token: decodeURIComponent(shared) };

  const query = new URLSearchParams(search);
  const fragment = new URLSearchParams(hash.slice(1));
  const fromUrl = fragment.get('token') ?? query.get('token');
  if (fromUrl) {
    query.delete('token');
    fragment.delete('token');
    const rest = query.toString();
    const restHash = fragment.toString();
    env.history.replaceState(
      null,
      '',
      `${pathname}${rest ? `?${rest}` : ''}${restHash ? `#${restHash}` : ''}`,
    );
    env.session.setItem(TOKEN_KEY, fromUrl);
    return { kind: 'token', token: fromUrl };
  }

  const stored = env.session.getItem(TOKEN_KEY) ?? env.local.getItem(TOKEN_KEY);
  return stored ? { kind: 'token', token: stored } : null;
}

/** Keeps a token from the sign-in form: for this tab, or on this device when `remember` is set. */
export function keepToken(env: BrowserEnv, token: string, remember: boolean): Credential {
  env.session.setItem(TOKEN_KEY, token);
  if (remember) env.local.setItem(TOKEN_KEY, token);
  else env.local.removeItem(TOKEN_KEY);
  return { kind: 'token', token };
}

/** Signs out: forgets the token everywhere it was kept. */
export function forgetToken(env: BrowserEnv): void {
  env.session.removeItem(TOKEN_KEY);
  env.local.removeItem(TOKEN_KEY);
}

/** The site named in the URL (`?site=`), which keeps a view linkable without any secret in it. */
export function siteFromUrl(env: Pick<BrowserEnv, 'location'>): string | null {
  return new URLSearchParams(env.location.search).get('site');
}

/** Records the chosen site in the URL without adding a history entry. */
export function putSiteInUrl(env: Pick<BrowserEnv, 'location' | 'history'>, site: string): void {
  const query = new URLSearchParams(env.location.search);
  query.set('site', site);
  env.history.replaceState(null, '', `${env.location.pathname}?${query}${env.location.hash}`);
}
