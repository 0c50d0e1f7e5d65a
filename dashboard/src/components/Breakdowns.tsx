/**
 * The breakdown panels: traffic sources, countries, technology and entry pages. Left out when the
 * collector sends no rows (an older collector, or one with breakdowns switched off); in a filtered view
 * the collector sends none either, and the page says why they are gone.
 */
import type { JSX } from 'preact';
import { hasBreakdowns } from '../breakdowns.js';
import type { Filter, Snapshot } from '../snapshot.js';
import { BreakdownPanel, type BreakdownTab } from './BreakdownPanel.js';

const NONE = 'No visitors in this window.';

/** DB-IP's licence (CC BY 4.0) asks for this wherever its countries show. */
const DB_IP_CREDIT = (
  <p class="credit">
    IP geolocation by <a href="https://db-ip.com">DB-IP</a>
  </p>
);

const PANELS: { title: string; tabs: BreakdownTab[]; note?: JSX.Element }[] = [
  {
    title: 'Traffic sources',
    tabs: [
      { dimension: 'channel', label: 'Channels', empty: NONE },
      { dimension: 'source', label: 'Sources', empty: NONE },
      { dimension: 'campaign', label: 'Campaigns', empty: 'No visitors from a campaign in this window.' },
    ],
  },
  {
    title: 'Countries',
    tabs: [{ dimension: 'country', label: 'Countries', empty: NONE }],
    note: DB_IP_CREDIT,
  },
  {
    title: 'Technology',
    tabs: [
      { dimension: 'device', label: 'Devices', empty: NONE },
      { dimension: 'browser', label: 'Browsers', empty: NONE },
      { dimension: 'os', label: 'OS', empty: NONE },
    ],
  },
  { title: 'Entry pages', tabs: [{ dimension: 'entry', label: 'Entry pages', empty: NONE }] },
];

interface BreakdownsProps {
  snapshot: Snapshot;
  /** The filter asked for: breakdowns compare all sessions, so a filtered view has none. */
  filter: Filter | null;
  onFilter(filter: Filter): void;
  locale?: string;
}

export function Breakdowns({ snapshot, filter, onFilter, locale }: BreakdownsProps) {
  if (filter)
    return (
      <section class="panel" aria-labelledby="breakdowns-filtered">
        <h2 id="breakdowns-filtered">Breakdowns</h2>
        <p class="empty">
          Channels, countries and devices compare all sessions: remove the filter to see them.
        </p>
      </section>
    );
  if (!hasBreakdowns(snapshot)) return null;
  return (
    <>
      {PANELS.map((panel) => (
        <BreakdownPanel
          key={panel.title}
          title={panel.title}
          tabs={panel.tabs}
          note={panel.note}
          snapshot={snapshot}
          onFilter={onFilter}
          locale={locale}
        />
      ))}
    </>
  );
}
