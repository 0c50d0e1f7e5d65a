/**
 * One breakdown's rows: value, visitors, orders and revenue, with a bar proportional to visitors. Every
 * row but `(other)` is a button that narrows the whole view to its sessions.
 */
import { filterLabel, OTHER, valueIcon, valueLabel } from '../breakdowns.js';
import { DIMENSION_LABELS } from '../filter.js';
import { formatCount, revenueSummary } from '../format.js';
import type { BreakdownRow, Dimension, Filter } from '../snapshot.js';

interface BreakdownListProps {
  dimension: Dimension;
  rows: BreakdownRow[];
  empty: string;
  onFilter(filter: Filter): void;
  locale?: string;
}

export function BreakdownList({ dimension, rows, empty, onFilter, locale }: BreakdownListProps) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const max = rows.reduce((top, row) => Math.max(top, row.visitors), 0);
  return (
    <div class="breakdown">
      {/* Column names for the eye; each cell says what it is to a screen reader. */}
      <div class="breakdown-row breakdown-head" aria-hidden="true">
        <span>{DIMENSION_LABELS[dimension]}</span>
        <span>Visitors</span>
        <span>Orders</span>
        <span>Revenue</span>
      </div>
      <ol data-breakdown={dimension}>
        {rows.map((row) => {
          const cells = <Cells dimension={dimension} row={row} max={max} locale={locale} />;
          const filter = { dimension, value: row.value };
          return (
            <li
              key={row.value}
              data-row={row.value}
              data-visitors={String(row.visitors)}
              data-orders={String(row.orders)}
              data-revenue={JSON.stringify(row.revenue)}
            >
              {row.value === OTHER ? (
                <div class="breakdown-row">{cells}</div>
              ) : (
                <button
                  type="button"
                  class="breakdown-row"
                  title={`Show only ${filterLabel(filter)}`}
                  onClick={() => onFilter(filter)}
                >
                  {cells}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Cells({
  dimension,
  row,
  max,
  locale,
}: {
  dimension: Dimension;
  row: BreakdownRow;
  max: number;
  locale?: string;
}) {
  const label = valueLabel(dimension, row.value);
  const revenue = revenueSummary(row.revenue, locale);
  return (
    <>
      <span
        class="bar"
        style={{ width: `${max > 0 ? (row.visitors / max) * 100 : 0}%` }}
        aria-hidden="true"
      />
      <span class="row-label" title={label}>
        {dimension === 'country' && (
          <span class="flag" aria-hidden="true">
            {valueIcon(dimension, row.value)}
          </span>
        )}
        {label}
      </span>
      <span class="row-value">
        {formatCount(row.visitors, locale)}
        <span class="visually-hidden"> visitors,</span>
      </span>
      <span class="row-value">
        {formatCount(row.orders, locale)}
        <span class="visually-hidden"> orders,</span>
      </span>
      <span class="row-value revenue" title={revenue.full || undefined}>
        {revenue.shown.length === 0 ? (
          <>
            <span aria-hidden="true">–</span>
            <span class="visually-hidden">no revenue</span>
          </>
        ) : (
          <>
            {revenue.shown.join(' · ')}
            <span class="visually-hidden"> revenue</span>
            {revenue.more > 0 && (
              <>
                <span class="more" aria-hidden="true">
                  {' '}
                  +{revenue.more}
                </span>
                <span class="visually-hidden">, and in {revenue.more} more currencies</span>
              </>
            )}
          </>
        )}
      </span>
    </>
  );
}
