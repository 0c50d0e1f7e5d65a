/**
 * The page once signed in: header, firing alerts and refused-events banners, the live view of one site
 * (headline numbers, today against yesterday, the minute and hour charts, rankings, funnel, breakdowns,
 * feed) with its filter, share links, its alert rules and the Sites panel.
 */
import { useState } from 'preact/hooks';
import type { AlertEntry } from '../alerts.js';
import type { Api, RefusedSite, Site, SitePage } from '../api.js';
import { filterKey } from '../filter.js';
import { displayPath, windowLabel } from '../format.js';
import type { LiveStatus } from '../live.js';
import type { Filter, Snapshot } from '../snapshot.js';
import type { Prefill } from './AddSite.js';
import { AlertBanner } from './AlertBanner.js';
import { Alerts } from './Alerts.js';
import { Breakdowns } from './Breakdowns.js';
import { Carts } from './Carts.js';
import { Feed } from './Feed.js';
import { FilterBar } from './FilterBar.js';
import { Freshness } from './Freshness.js';
import { Funnel } from './Funnel.js';
import { Headline } from './Headline.js';
import { HoursChart } from './HoursChart.js';
import { RankedList } from './RankedList.js';
import { RefusedBanner } from './RefusedBanner.js';
import { SeriesChart } from './SeriesChart.js';
import { Shares } from './Shares.js';
import { SiteSwitcher } from './SiteSwitcher.js';
import { Sites } from './Sites.js';
import { Today } from './Today.js';

export interface DashboardProps {
  /** A share-link viewer: one site, no sign-out, no share links, no alerts, no Sites panel. */
  readOnly: boolean;
  api: Api;
  /** The first page of the site directory; null while it loads. */
  directory: SitePage | null;
  site: Site | null;
  onSite(site: Site): void;
  /** Ids refused for being unregistered (collector token only). */
  refused: RefusedSite[];
  /** A site was added or removed in the Sites panel. */
  onSitesChanged(added?: Site): void;
  /** The alert rules of the site on screen, with their states (collector token only). @default none */
  alerts?: AlertEntry[];
  /** An alert rule was added or removed in the Alerts panel. */
  onAlertsChanged?(): void;
  snapshot: Snapshot | null;
  /** The filter asked for (a breakdown row clicked, or `#filter=` in the URL). */
  filter: Filter | null;
  /** Why the filter asked for was dropped, e.g. the collector refused it. */
  filterProblem?: string | null;
  /** A row was clicked (a filter), or the chip removed (null). */
  onFilter(filter: Filter | null): void;
  /** The snapshot on screen is from before the filter changed; the filtered one is on its way. */
  updating?: boolean;
  serverNow: number;
  status: LiveStatus;
  updatedAt: number | null;
  now: number;
  origin: string;
  onSignOut(): void;
  locale?: string;
}

export function Dashboard(props: DashboardProps) {
  const { snapshot, site, directory, locale, filter } = props;
  const admin = !props.readOnly;
  const [prefill, setPrefill] = useState<Prefill | null>(null);
  // a list read for the site shown before stays off screen until this one's arrives
  const alerts = (props.alerts ?? []).filter((alert) => alert.site === site?.id);
  return (
    <div class="page">
      <header class="top">
        <h1>Cartpulse</h1>
        {site && directory && (
          <SiteSwitcher
            api={props.api}
            directory={directory}
            site={site}
            onChange={props.onSite}
            locale={locale}
          />
        )}
        {props.readOnly && <span class="badge">read-only</span>}
        <Freshness status={props.status} updatedAt={props.updatedAt} now={props.now} />
        {admin && (
          <button type="button" class="sign-out" onClick={props.onSignOut}>
            Sign out
          </button>
        )}
      </header>
      <main>
        {admin && site && <AlertBanner alerts={alerts} serverNow={props.serverNow} />}
        {admin && (
          <RefusedBanner
            refused={props.refused}
            serverNow={props.serverNow}
            onRegister={(id) => setPrefill({ id })}
            locale={locale}
          />
        )}
        {site && props.filterProblem && (
          <p class="problem filter-problem" role="alert">
            {props.filterProblem}
          </p>
        )}
        {site && filter && (
          <FilterBar
            filter={filter}
            updating={Boolean(snapshot && props.updating)}
            applied={!snapshot || filterKey(snapshot.filter) === filterKey(filter)}
            onClear={() => props.onFilter(null)}
          />
        )}
        {!site ? (
          directory?.total === 0 ? (
            // With no site at all, the Sites panel below, open, is the page.
            props.readOnly && <p class="empty intro">No site to show.</p>
          ) : (
            <p class="empty intro">Loading sites…</p>
          )
        ) : !snapshot ? (
          <p class="empty intro">Waiting for the first numbers…</p>
        ) : (
          <>
            <div class="view" aria-busy={props.updating ? 'true' : undefined}>
              <Headline snapshot={snapshot} locale={locale} />
              <Today snapshot={snapshot} locale={locale} />
              <div class="charts">
                <SeriesChart series={snapshot.series} />
                {snapshot.hours && (
                  <HoursChart hours={snapshot.hours} timezone={snapshot.timezone} locale={locale} />
                )}
              </div>
              <div class="grid">
                <RankedList
                  name="topPages"
                  title="Top pages"
                  window={windowLabel(snapshot.windows.pagesMs)}
                  unit="views"
                  rows={snapshot.topPages.map((page) => ({
                    key: page.path,
                    label: displayPath(page.path),
                    value: page.views,
                  }))}
                  empty="No pageviews in this window."
                  locale={locale}
                />
                <RankedList
                  name="topProducts"
                  title="Top products"
                  window={windowLabel(snapshot.windows.commerceMs)}
                  unit="added to cart"
                  rows={snapshot.ecommerce.topProducts.map((product) => ({
                    key: product.id,
                    label: product.name || product.id,
                    value: product.count,
                  }))}
                  empty="No products added to a cart in this window."
                  locale={locale}
                />
                <Funnel snapshot={snapshot} locale={locale} />
                <Carts snapshot={snapshot} locale={locale} />
                <Breakdowns snapshot={snapshot} filter={filter} onFilter={props.onFilter} locale={locale} />
              </div>
              <Feed recent={snapshot.recent} serverNow={props.serverNow} />
            </div>
            {admin && (
              <Shares
                api={props.api}
                site={snapshot.site}
                now={props.now}
                origin={props.origin}
                filter={filter}
              />
            )}
            {admin && (
              <Alerts
                api={props.api}
                site={snapshot.site}
                alerts={alerts}
                serverNow={props.serverNow}
                onChanged={() => props.onAlertsChanged?.()}
              />
            )}
          </>
        )}
        {admin && directory && (
          <Sites
            api={props.api}
            directory={directory}
            origin={props.origin}
            prefill={prefill}
            onChanged={props.onSitesChanged}
            locale={locale}
          />
        )}
      </main>
    </div>
  );
}
