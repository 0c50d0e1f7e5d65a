/**
 * Live carts: who has a cart right now, who is checking out, who just bought, each with its value; and
 * the average order value next to them. Left out for a collector that sends no carts (older than them).
 */
import { formatCount, revenueSummary, windowLabel } from '../format.js';
import type { Snapshot } from '../snapshot.js';

const STAGES = [
  { stage: 'active', label: 'Active carts', minutes: 30 },
  { stage: 'checkingOut', label: 'Checking out', minutes: 10 },
  { stage: 'purchased', label: 'Purchased', minutes: 10 },
] as const;

function Amounts({ values, locale }: { values: Record<string, number>; locale?: string }) {
  const summary = revenueSummary(values, locale);
  if (summary.shown.length === 0) return <span class="row-value">–</span>;
  return (
    <span class="row-value" title={summary.full} aria-label={summary.full}>
      {summary.shown[0]}
      {summary.more > 0 ? ` +${summary.more}` : ''}
    </span>
  );
}

export function Carts({ snapshot, locale }: { snapshot: Snapshot; locale?: string }) {
  const carts = snapshot.ecommerce.carts;
  if (!carts) return null;
  const averages = snapshot.ecommerce.averageOrderValue ?? {};
  return (
    <section class="panel carts" aria-labelledby="carts-heading">
      <h2 id="carts-heading">Live carts</h2>
      <ol>
        {STAGES.map(({ stage, label, minutes }) => (
          <li key={stage} data-cart-stage={stage} data-value={String(carts[stage].sessions)}>
            <span class="row-label">
              {label} <span class="window">{windowLabel(minutes * 60_000)}</span>
            </span>
            <span class="row-value">{formatCount(carts[stage].sessions, locale)}</span>
            <Amounts values={carts[stage].value} locale={locale} />
          </li>
        ))}
        <li data-cart-stage="averageOrderValue">
          <span class="row-label">
            Average order <span class="window">{windowLabel(snapshot.windows.commerceMs)}</span>
          </span>
          <span class="row-value" />
          <Amounts values={averages} locale={locale} />
        </li>
      </ol>
    </section>
  );
}
