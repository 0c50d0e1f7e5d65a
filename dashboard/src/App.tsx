/**
 * The dashboard page: sign-in, site choice, and the live view of one site. Data flows one way: the live
 * connection (`live.ts`) hands over snapshots, the page renders them; Preact batches the renders. Of the
 * site directory only the first page is held (`sites.ts`): an installation may have 100,000 sites.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AlertEntry } from './alerts.js';
import { type Api, createApi, HttpError, type RefusedSite, type Site, type SitePage } from './api.js';
import { Dashboard } from './components/Dashboard.js';
import { filterLabel } from './breakdowns.js';
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
import { filterFromUrl, filterKey, putFilterInUrl } from './filter.js';
import { type LiveStatus, startLive, type StreamSource } from './live.js';
import { pickSite, SITES_PAGE } from './sites.js';
import type { Filter, Snapshot } from './snapshot.js';
import { usePolling } from './use-polling.js';

export interface AppProps {
  env: BrowserEnv;
  /** @default createApi */
  makeApi?: (credential: Credential) => Api;
  /** @default (url) => new EventSource(url) */
  openStream?: (url: string) => StreamSource;
  /** Origin shown in share links. @default location.origin */
  origin?: string;
  /**
   * Subscribes to changes of the URL fragment (a share link pasted into this tab changes only the
   * fragment, and the page does not reload); returns the unsubscribe. @default none
   */
  onHashChange?: (listener: () => void) => () => void;
}

const LAST_SITE_KEY = 'cartpulse.site';
/** How often the site list is refreshed: quickly while there is none yet. */
const SITES_EMPTY_MS = 5_000;
const SITES_MS = 60_000;
/** How often refused ids are asked for: a snippet installed before its site was registered shows up soon. */
const REFUSED_MS = 15_000;
/** How often the alert rules of the site on screen are read: the evaluator's own pace. */
const ALERTS_MS = 15_000;

export function App({
  env,
  makeApi = (credential) => createApi(credential),
  openStream,
  origin = '',
  onHashChange,
}: AppProps) {
  const [credential, setCredential] = useState<Credential | null>(() => takeCredential(env));
  const [problem, setProblem] = useState<string | null>(null);
  const [directory, setDirectory] = useState<SitePage | null>(null);
  const [site, setSite] = useState<Site | null>(null);
  const [refused, setRefused] = useState<RefusedSite[]>([]);
  /** Bumped when a site is added or removed here: the directory and refused ids are read again at once. */
  const [changes, setChanges] = useState(0);
  const [alerts, setAlerts] = useState<AlertEntry[]>([]);
  /** Bumped when a rule is added or removed here: they are read again at once. */
  const [alertChanges, setAlertChanges] = useState(0);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [filter, setFilter] = useState<Filter | null>(() => filterFromUrl(env));
  /** Why the last filter was dropped (the collector refused it), until another is chosen. */
  const [filterProblem, setFilterProblem] = useState<string | null>(null);
  /** `filterKey` of the connection the snapshot on screen came from. */
  const [shownFilter, setShownFilter] = useState('');
  /** The connection last opened: only a new filter for the same site and credential keeps the numbers. */
  const liveFor = useRef<{ api: Api; site: string } | null>(null);
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

  // The directory's first page (switcher, Sites panel), refreshed so a site registered elsewhere appears.
  usePolling(
    api
      ? {
          fetch: async () => {
            try {
              return await api.sites({ limit: SITES_PAGE });
            } catch (error) {
              if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
                rejected(error);
                return 'rejected';
              }
              return null;
            }
          },
          apply: (next) => {
            if (next === 'rejected') return null;
            if (next) setDirectory(next);
            return next?.total ? SITES_MS : SITES_EMPTY_MS;
          },
        }
      : null,
    [api, changes],
  );

  // Ids refused for being unregistered, for the banner. Only the collector token may read them; a failed
  // read keeps the last list, since the directory request above already reports a lost collector.
  usePolling(
    api && credential?.kind === 'token'
      ? {
          fetch: () => api.refusedSites().catch(() => null),
          apply: (next) => {
            if (next) setRefused(next);
            return REFUSED_MS;
          },
        }
      : null,
    [api, changes],
  );

  // The alert rules of the site on screen, for the banner and the Alerts panel; collector token only. A
  // failed read keeps the last list.
  usePolling(
    api && site && credential?.kind === 'token'
      ? {
          fetch: () => api.alerts(site.id).catch(() => null),
          apply: (next) => {
            if (next) setAlerts(next);
            return ALERTS_MS;
          },
        }
      : null,
    [api, site?.id, alertChanges],
  );

  // Keep the chosen site valid: the one on screen, else the URL's, else the last one viewed, else the
  // first. A lookup that fails keeps the site on screen, and so does a choice made while it ran.
  useEffect(() => {
    if (!api || !directory) return;
    let cancelled = false;
    const shown = site?.id ?? null;
    pickSite(api, directory, [shown, siteFromUrl(env), env.local.getItem(LAST_SITE_KEY)]).then(
      (next) => !cancelled && setSite((current) => ((current?.id ?? null) === shown ? next : current)),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [directory]);

  // A filter in a link pasted into this tab.
  useEffect(
    () =>
      onHashChange?.(() => {
        const next = filterFromUrl(env);
        setFilter((current) => (filterKey(current) === filterKey(next) ? current : next));
      }),
    [],
  );

  // One live connection for the site on screen (by id: a refreshed directory hands over new objects) and
  // its filter. A new filter keeps the numbers on screen, marked as updating, until the filtered ones come.
  const shownKey = filterKey(filter);
  useEffect(() => {
    if (!api || !site) return;
    const sameView = liveFor.current?.api === api && liveFor.current.site === site.id;
    liveFor.current = { api, site: site.id };
    if (!sameView) {
      setSnapshot(null);
      setUpdatedAt(null);
    }
    setStatus('connecting');
    const connection = startLive({
      site: site.id,
      filter,
      api,
      openStream,
      onSnapshot(next, at) {
        setSnapshot(next);
        setShownFilter(shownKey);
        setReceived({ at, serverAt: next.at });
        setUpdatedAt(at);
      },
      onFresh: setUpdatedAt,
      onStatus: setStatus,
      onUnauthorized: rejected,
      onFilterRefused(error) {
        if (!filter) return;
        changeFilter(null);
        setFilterProblem(
          `Could not show only ${filterLabel(filter)}: ${error.message}. Showing all sessions.`,
        );
      },
    });
    return () => connection.stop();
  }, [api, site?.id, shownKey]);

  useEffect(() => {
    document.title = snapshot ? `${snapshot.activeUsers} active · ${snapshot.site} · Cartpulse` : 'Cartpulse';
  }, [snapshot?.activeUsers, snapshot?.site]);

  function changeFilter(next: Filter | null) {
    setFilter(next);
    setFilterProblem(null);
    putFilterInUrl(env, next);
  }

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

  const choose = (next: Site) => {
    // A filter names a row of one site's traffic: another site starts unfiltered.
    if (next.id !== site?.id) changeFilter(null);
    setSite(next);
    putSiteInUrl(env, next.id);
    env.local.setItem(LAST_SITE_KEY, next.id);
  };

  return (
    <Dashboard
      readOnly={credential.kind === 'share'}
      api={api}
      directory={directory}
      site={site}
      onSite={choose}
      refused={refused}
      onSitesChanged={(added) => {
        if (added) setRefused((list) => list.filter((entry) => entry.site !== added.id));
        setChanges((n) => n + 1);
      }}
      alerts={alerts}
      onAlertsChanged={() => setAlertChanges((n) => n + 1)}
      snapshot={snapshot}
      filter={filter}
      filterProblem={filterProblem}
      onFilter={changeFilter}
      updating={snapshot !== null && shownFilter !== shownKey}
      serverNow={received ? received.serverAt + (now - received.at) : now}
      status={status}
      updatedAt={updatedAt}
      now={now}
      origin={origin}
      onSignOut={() => {
        forgetToken(env);
        setDirectory(null);
        setSite(null);
        setRefused([]);
        setAlerts([]);
        setCredential(null);
      }}
    />
  );
}
