/**
 * The dashboard page: sign-in, site choice, and the live view of one site. Data flows one way: the live
 * connection (`live.ts`) hands over snapshots, the page renders them; Preact batches the renders.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Api, createApi, HttpError } from './api.js';
import { Dashboard } from './components/Dashboard.js';
import { SignIn } from './components/SignIn.js';
import {
  type BrowserEnv,
  type Credential,
  forgetToken,
  keepToken,
  putSiteInUrl,
  siteFromUrl,
  takeCredential,
} from './credentials.js';
import { type LiveStatus, startLive, type StreamSource } from './live.js';
import type { Snapshot } from './snapshot.js';

export interface AppProps {
  env: BrowserEnv;
  /** @default createApi */
  makeApi?: (credential: Credential) => Api;
  /** @default (url) => new EventSource(url) */
  openStream?: (url: string) => StreamSource;
  /** Origin shown in share links. @default location.origin */
  origin?: string;
}

const LAST_SITE_KEY = 'cartpulse.site';
/** How often the site list is refreshed: quickly while there is none yet. */
const SITES_EMPTY_MS = 5_000;
const SITES_MS = 60_000;

export function App({
  env,
  makeApi = (credential) => createApi(credential),
  openStream,
  origin = '',
}: AppProps) {
  const [credential, setCredential] = useState<Credential | null>(() => takeCredential(env));
  const [problem, setProblem] = useState<string | null>(null);
  const [sites, setSites] = useState<string[] | null>(null);
  const [site, setSite] = useState<string | null>(null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [received, setReceived] = useState<{ at: number; serverAt: number } | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [now, setNow] = useState(() => Date.now());
  const api = useMemo(() => (credential ? makeApi(credential) : null), [credential]);

  const rejected = (error: HttpError) => {
    if (credential?.kind === 'share') {
      setProblem(
        error.status === 403
          ? 'This share link cannot show that site.'
          : 'This share link is not valid any more (it may have been revoked).',
      );
    } else {
      forgetToken(env);
      setProblem('That token was not accepted. Sign in again.');
    }
    setCredential(null);
  };

  // The ticking clock behind "updated N s ago" and the feed's relative times.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // The site list (the switcher), refreshed so a new shop appears without a reload.
  useEffect(() => {
    if (!api) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      let next: string[] | null = null;
      try {
        next = await api.sites();
      } catch (error) {
        if (error instanceof HttpError && (error.status === 401 || error.status === 403))
          return rejected(error);
      }
      if (cancelled) return;
      if (next) setSites(next);
      timer = setTimeout(load, next?.length ? SITES_MS : SITES_EMPTY_MS);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api]);

  // Keep the chosen site valid: the URL's, else the last one viewed, else the first.
  useEffect(() => {
    if (!sites?.length || (site && sites.includes(site))) return;
    const wanted = [siteFromUrl(env), env.local.getItem(LAST_SITE_KEY)].find(
      (id) => id && sites.includes(id),
    );
    setSite(wanted ?? sites[0]);
  }, [sites]);

  // One live connection for the site on screen.
  useEffect(() => {
    if (!api || !site) return;
    setSnapshot(null);
    setUpdatedAt(null);
    setStatus('connecting');
    const connection = startLive({
      site,
      api,
      openStream,
      onSnapshot(next, at) {
        setSnapshot(next);
        setReceived({ at, serverAt: next.at });
        setUpdatedAt(at);
      },
      onFresh: setUpdatedAt,
      onStatus: setStatus,
      onUnauthorized: rejected,
    });
    return () => connection.stop();
  }, [api, site]);

  useEffect(() => {
    document.title = snapshot ? `${snapshot.activeUsers} active · ${snapshot.site} · Cartpulse` : 'Cartpulse';
  }, [snapshot?.activeUsers, snapshot?.site]);

  if (!credential || !api) {
    return (
      <SignIn
        problem={problem}
        onSignIn={(token, remember) => {
          setProblem(null);
          setCredential(keepToken(env, token, remember));
        }}
      />
    );
  }

  const choose = (next: string) => {
    setSite(next);
    putSiteInUrl(env, next);
    env.local.setItem(LAST_SITE_KEY, next);
  };

  return (
    <Dashboard
      readOnly={credential.kind === 'share'}
      api={api}
      sites={sites ?? []}
      site={site}
      onSite={choose}
      snapshot={snapshot}
      serverNow={received ? received.serverAt + (now - received.at) : now}
      status={status}
      updatedAt={updatedAt}
      now={now}
      origin={origin}
      onSignOut={() => {
        forgetToken(env);
        setSites(null);
        setSite(null);
        setCredential(null);
      }}
      loading={sites === null}
    />
  );
}
