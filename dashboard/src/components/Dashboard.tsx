/**
 * The page once signed in: header, refused-events banner, the live view of one site (headline numbers,
 * chart, rankings, funnel, feed), share links and the Sites panel.
 */
import { useState } from 'preact/hooks';
import type { Api, RefusedSite, Site, SitePage } from '../api.js';
import { displayPath, windowLabel } from '../format.js';
import type { LiveStatus } from '../live.js';
import type { Snapshot } from '../snapshot.js';
import type { Prefill } from './AddSite.js';
import { Feed } from './Feed.js';
import { Freshness } from './Freshness.js';
import { Funnel } from './Funnel.js';
import { Headline } from './Headline.js';
import { RankedList } from './RankedList.js';
import { RefusedBanner } from './RefusedBanner.js';
import { SeriesChart } from './SeriesChart.js';
import { Shares } from './Shares.js';
import { SiteSwitcher } from './SiteSwitcher.js';
import { Sites } from './Sites.js';

export interface DashboardProps {
  /** A share-link viewer: one site, no sign-out, no share links, no Sites panel. */
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
  snapshot: Snapshot | null;
  serverNow: number;
  status: LiveStatus;
  updatedAt: number | null;
  now: number;
  origin: string;
  onSignOut(): void;
  locale?: string;
}

export function Dashboard(props: DashboardProps) {
  const { snapshot, site, directory, locale } = props;
  const admin = !props.readOnly;
  const [prefill, setPrefill] = useState<Prefill | null>(null);
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
        {admin && (
          <RefusedBanner
            refused={props.refused}
            serverNow={props.serverNow}
            onRegister={(id) => setPrefill({ id })}
            locale={locale}
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
            <Headline snapshot={snapshot} locale={locale} />
            <SeriesChart series={snapshot.series} />
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
            </div>
            <Feed recent={snapshot.recent} serverNow={props.serverNow} />
            {admin && <Shares api={props.api} site={snapshot.site} now={props.now} origin={props.origin} />}
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
