/**
 * The headline numbers. Each value element carries `data-metric="<snapshot field name>"` and
 * `data-value` with the exact snapshot value (a number; for `revenue` the per-currency JSON object), so
 * people who automate read numbers without parsing the localized text.
 */
import type { ComponentChildren } from 'preact';
import { formatCount, formatMoney, formatRate, windowLabel } from '../format.js';
import type { MetricName, Snapshot } from '../snapshot.js';

interface MetricProps {
  name: MetricName;
  label: string;
  windowMs: number;
  value: number | Record<string, number>;
  children: ComponentChildren;
}

function Metric({ name, label, windowMs, value, children }: MetricProps) {
  const id = `metric-${name}`;
  return (
    <div class="metric">
      <span class="metric-label" id={id}>
        {label} <span class="window">{windowLabel(windowMs)}</span>
      </span>
      <strong
        class="metric-value"
        aria-labelledby={id}
        data-metric={name}
        data-value={typeof value === 'number' ? String(value) : JSON.stringify(value)}
      >
        {children}
      </strong>
    </div>
  );
}

export function Headline({ snapshot, locale }: { snapshot: Snapshot; locale?: string }) {
  const { windows, ecommerce } = snapshot;
  const currencies = Object.entries(ecommerce.revenue).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section class="headline" aria-label="Headline numbers">
      <Metric
        name="activeUsers"
        label="Active users"
        windowMs={windows.activeMs}
        value={snapshot.activeUsers}
      >
        {formatCount(snapshot.activeUsers, locale)}
      </Metric>
      <Metric
        name="activeSessions"
        label="Active sessions"
        windowMs={windows.activeMs}
        value={snapshot.activeSessions}
      >
        {formatCount(snapshot.activeSessions, locale)}
      </Metric>
      <Metric name="pageviews" label="Pageviews" windowMs={windows.pagesMs} value={snapshot.pageviews}>
        {formatCount(snapshot.pageviews, locale)}
      </Metric>
      <Metric name="revenue" label="Revenue" windowMs={windows.commerceMs} value={ecommerce.revenue}>
        {currencies.length === 0
          ? formatCount(0, locale)
          : currencies.map(([currency, amount]) => (
              <span class="currency" key={currency} data-currency={currency} data-value={String(amount)}>
                {formatMoney(amount, currency, locale)}
              </span>
            ))}
      </Metric>
      <Metric name="orders" label="Orders" windowMs={windows.commerceMs} value={ecommerce.orders}>
        {formatCount(ecommerce.orders, locale)}
      </Metric>
      <Metric
        name="conversionRate"
        label="Conversion rate"
        windowMs={windows.commerceMs}
        value={ecommerce.conversionRate}
      >
        {formatRate(ecommerce.conversionRate, locale)}
      </Metric>
    </section>
  );
}
