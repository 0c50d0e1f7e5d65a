/** A ranked list with bars proportional to the largest value (top pages, top products). */
import type { ComponentChildren } from 'preact';
import { formatCount } from '../format.js';

export interface RankedRow {
  key: string;
  /** Shown as text, whatever it contains: storefront data is never markup. */
  label: string;
  value: number;
}

interface RankedListProps {
  title: string;
  /** e.g. "15 min" */
  window: string;
  unit: string;
  rows: RankedRow[];
  empty: ComponentChildren;
  locale?: string;
  /** Hook for tests and automation: `data-list` on the section. */
  name: string;
}

export function RankedList({ title, window, unit, rows, empty, locale, name }: RankedListProps) {
  const max = rows.reduce((top, row) => Math.max(top, row.value), 0);
  const headingId = `list-${name}`;
  return (
    <section class="panel ranked" aria-labelledby={headingId} data-list={name}>
      <h2 id={headingId}>
        {title} <span class="window">{window}</span>
      </h2>
      {rows.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ol>
          {rows.map((row) => (
            <li key={row.key} data-value={String(row.value)}>
              <span
                class="bar"
                style={{ width: `${max > 0 ? (row.value / max) * 100 : 0}%` }}
                aria-hidden="true"
              />
              <span class="row-label" title={row.label}>
                {row.label}
              </span>
              <span class="row-value">
                {formatCount(row.value, locale)}
                <span class="visually-hidden"> {unit}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
