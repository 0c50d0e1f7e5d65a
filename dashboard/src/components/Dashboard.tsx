/** The live view of one site: header, headline numbers, chart, rankings, funnel, feed. */
import type { Api } from '../api.js';
import { displayPath, windowLabel } from '../format.js';
import type { LiveStatus } from '../live.js';
import type { Snapshot } from '../snapshot.js';
import { Feed } from './Feed.js';
import { Freshness } from './Freshness.js';
import { Funnel } from './Funnel.js';
import { Headline } from './Headline.js';
import { RankedList } from './RankedList.js';
import { SeriesChart } from './SeriesChart.js';
import { Shares } from './Shares.js';
import { SiteSwitcher } from './SiteSwitcher.js';

export interface DashboardProps {
  readOnly: boolean;
  api: Api;
  sites: string[];
  site: string | null;
  onSite(site: string): void;
  snapshot: Snapshot | null;
  serverNow: number;
  status: LiveStatus;
  updatedAt: number | null;
  now: number;
  origin: string;
  onSignOut(): void;
  loading: boolean;
  locale?: string;
}

export function Dashboard(props: DashboardProps) {
  const { snapshot, site, locale } = props;
  return (
    <div class="page">
      <header class="top">
        <h1>Cartpulse</h1>
        {site && <SiteSwitcher sites={props.sites} site={site} onChange={props.onSite} />}
        {props.readOnly && <span class="badge">read-only</span>}
        <Freshness status={props.status} updatedAt={props.updatedAt} now={props.now} />
        {!props.readOnly && (
          <button type="button" class="sign-out" onClick={props.onSignOut}>
            Sign out
          </button>
        )}
      </header>
      <main>
        {!site ? (
          <p class="empty intro">
            {props.loading
              ? 'Loading sites…'
              : 'No site has sent events yet. Send one to POST /ingest and it appears here.'}
          </p>
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
            {!props.readOnly && (
              <Shares api={props.api} site={snapshot.site} now={props.now} origin={props.origin} />
            )}
          </>
        )}
      </main>
    </div>
  );
}
