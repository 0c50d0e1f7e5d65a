/**
 * The e-commerce funnel: viewed item → added to cart → began checkout → purchased, step to step; below it,
 * when the shop's backend reported orders in the window, how many of them browser tracking saw.
 */
import { formatCount, formatRate, stepRate, windowLabel } from '../format.js';
import type { Snapshot } from '../snapshot.js';
import { CoverageNote } from './CoverageNote.js';

const STEPS = [
  { field: 'viewItems', label: 'Viewed item' },
  { field: 'addToCarts', label: 'Added to cart' },
  { field: 'checkouts', label: 'Began checkout' },
  { field: 'orders', label: 'Purchased' },
] as const;

export function Funnel({ snapshot, locale }: { snapshot: Snapshot; locale?: string }) {
  const { ecommerce } = snapshot;
  const counts = STEPS.map((step) => ecommerce[step.field]);
  const widest = Math.max(...counts, 0);
  const windowText = windowLabel(snapshot.windows.commerceMs);
  return (
    <section class="panel funnel" aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">
        Funnel <span class="window">{windowText}</span>
      </h2>
      <ol>
        {STEPS.map((step, index) => {
          const count = counts[index];
          const rate = index === 0 ? null : stepRate(counts[index - 1], count);
          return (
            <li key={step.field} data-step={step.field} data-value={String(count)}>
              <span
                class="bar"
                style={{ width: `${widest > 0 ? (count / widest) * 100 : 0}%` }}
                aria-hidden="true"
              />
              <span class="row-label">{step.label}</span>
              <span class="row-value">{formatCount(count, locale)}</span>
              <span class="step-rate" data-rate={rate === null ? '' : String(rate)}>
                {index === 0 ? '' : rate === null ? '–' : formatRate(rate, locale)}
              </span>
            </li>
          );
        })}
      </ol>
      <CoverageNote
        scope="window"
        coverage={ecommerce.coverage?.window}
        orders={`the orders in the last ${windowText}`}
        locale={locale}
      />
    </section>
  );
}
