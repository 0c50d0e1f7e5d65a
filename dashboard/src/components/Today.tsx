/**
 * Today since local midnight in the site's time zone, each number with its change against yesterday up
 * to the same time of day, and against the same weekday last week. Each value element carries
 * `data-today="<DayNumbers field>"` and `data-value` with the exact value (per-currency JSON for money);
 * each change `data-vs` (`yesterday`, `lastWeek`), `data-trend` and `data-change` (the ratio). Below them,
 * when the shop's backend reported orders today, how many of them browser tracking saw. A filtered
 * snapshot has no day numbers: they are counted for the whole site.
 */
import { type Change, change } from '../change.js';
import { formatCount, formatMoney, formatRate, zoneClock } from '../format.js';
import type { Snapshot } from '../snapshot.js';
import { CoverageNote } from './CoverageNote.js';

type Day = NonNullable<Snapshot['today']>;
type Field = Exclude<keyof Day, 'since' | 'until'>;

const METRICS: [Field, string][] = [
  ['visitors', 'Visitors'],
  ['sessions', 'Sessions'],
  ['pageviews', 'Pageviews'],
  ['orders', 'Orders'],
  ['revenue', 'Revenue'],
  ['conversionRate', 'Conversion rate'],
  ['averageOrderValue', 'Average order'],
];

/** A number of the three days: a count or rate, or one currency's amount (`currency` set). */
interface Line {
  currency?: string;
  days: [today: number, yesterday: number, lastWeek: number];
}

/**
 * A field's lines: one for a number; one per currency for money, by code. Revenue also lists a currency
 * yesterday had and today has not (a fall to zero); an average order value only today's.
 */
function linesOf(field: Field, days: [Day, Day, Day]): Line[] {
  const [today, yesterday] = days;
  const value = today[field];
  if (typeof value === 'number') return [{ days: days.map((day) => day[field]) as Line['days'] }];
  const codes = Object.keys(field === 'revenue' ? { ...(yesterday[field] as object), ...value } : value);
  return codes.sort().map((currency) => ({
    currency,
    days: days.map((day) => (day[field] as Record<string, number>)[currency] ?? 0) as Line['days'],
  }));
}

function Delta({ vs, delta, title }: { vs: 'yesterday' | 'lastWeek'; delta: Change; title: string }) {
  return (
    <span
      class="change"
      data-vs={vs}
      data-trend={delta.trend}
      data-change={delta.ratio === null ? '' : String(delta.ratio)}
      title={title}
    >
      {vs === 'lastWeek' && <span class="vs">vs last week </span>}
      {delta.text}
    </span>
  );
}

export function Today({ snapshot, locale }: { snapshot: Snapshot; locale?: string }) {
  const { today, yesterday, lastWeek, timezone } = snapshot;
  if (!today || !yesterday || !lastWeek) {
    // null in a filtered snapshot; missing from a collector older than day numbers
    if (!snapshot.filter) return null;
    return (
      <p class="panel today muted">Today's numbers are for the whole site: remove the filter to see them.</p>
    );
  }
  const clock = (ms: number) => zoneClock(ms, timezone).time;
  return (
    <section class="panel today" aria-labelledby="today-heading">
      <h2 id="today-heading">
        Today{' '}
        <span class="window">
          since {clock(today.since)} ({timezone}) · against yesterday until {clock(yesterday.until - 1)}
        </span>
      </h2>
      <div class="day-numbers">
        {METRICS.map(([field, label]) => {
          const format = (n: number, currency?: string) =>
            currency
              ? formatMoney(n, currency, locale)
              : field === 'conversionRate'
                ? formatRate(n, locale)
                : formatCount(n, locale);
          const lines = linesOf(field, [today, yesterday, lastWeek]);
          const value = today[field];
          return (
            <div class="metric day" key={field}>
              <span class="metric-label" id={`today-${field}`}>
                {label}
              </span>
              <div
                aria-labelledby={`today-${field}`}
                data-today={field}
                data-value={typeof value === 'number' ? String(value) : JSON.stringify(value)}
              >
                {lines.length === 0 && (
                  <strong class="metric-value">{field === 'revenue' ? formatCount(0, locale) : '–'}</strong>
                )}
                {lines.map(({ currency, days: [now, before, weekAgo] }) => (
                  <div class="day-line" key={currency ?? field} data-currency={currency}>
                    <strong class="metric-value">{format(now, currency)}</strong>
                    <Delta
                      vs="yesterday"
                      delta={change(now, before, locale)}
                      title={`Yesterday at this time: ${format(before, currency)}`}
                    />
                    <Delta
                      vs="lastWeek"
                      delta={change(now, weekAgo, locale)}
                      title={`Last week at this time: ${format(weekAgo, currency)}`}
                    />
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
      <CoverageNote
        scope="today"
        coverage={snapshot.ecommerce.coverage?.today}
        orders="today's orders"
        locale={locale}
      />
    </section>
  );
}
