/**
 * The line saying how many of the backend's orders browser tracking saw: under Today's numbers
 * (`data-coverage="today"`) and under the funnel (`data-coverage="window"`). `data-share` holds the exact
 * `browserShare`, `data-value` the snapshot's coverage as JSON. Nothing when the backend reported no order.
 */
import { coverageLine } from '../coverage.js';
import type { Coverage } from '../snapshot.js';

interface CoverageNoteProps {
  scope: 'today' | 'window';
  coverage: Coverage | null | undefined;
  /** What the orders are: `today's orders`, `the orders in the last 15 min`. */
  orders: string;
  locale?: string;
}

export function CoverageNote({ scope, coverage, orders, locale }: CoverageNoteProps) {
  const line = coverageLine(coverage, orders, locale);
  if (!coverage || line === null) return null;
  return (
    <p
      class="coverage"
      data-coverage={scope}
      data-share={String(coverage.browserShare)}
      data-value={JSON.stringify(coverage)}
    >
      {line}
    </p>
  );
}
