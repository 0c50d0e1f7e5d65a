/**
 * How many of the orders the shop's backend reported browser tracking saw too, as one line of text:
 * "Browser tracking saw 82 % of today's orders (9 of 11) · €74.50 only the backend saw". No line when the
 * backend reported none: a shop without a backend integration has nothing to compare with. Pure; locale
 * injectable for tests.
 */
import { formatCount, formatMoney } from './format.js';
import type { Coverage } from './snapshot.js';

/**
 * `both` of `backend` in whole percents with a no-break space: `82 %`. Never says 0 or 100 when that is
 * only the rounding: `<1 %` when the browser saw some, `>99 %` when it missed some.
 *
 * @example sharePercent(9, 11) // '82 %'
 */
export function sharePercent(both: number, backend: number, locale?: string): string {
  const percent = Math.round((both / backend) * 100);
  const shown =
    percent === 0 && both > 0
      ? '<1'
      : percent === 100 && both < backend
        ? '>99'
        : formatCount(percent, locale);
  return `${shown}\u00a0%`;
}

/**
 * The coverage line for `orders` (`today's orders`, `the orders in the last 15 min`); null without
 * coverage (a filtered snapshot, an older collector) or when the backend reported no order
 * (`browserShare` null). Revenue only the backend saw is listed per currency, by code, leaving out zeros.
 *
 * @example coverageLine(today, "today's orders", 'en-US')
 * // "Browser tracking saw 82 % of today's orders (9 of 11) · €74.50 only the backend saw"
 */
export function coverageLine(
  coverage: Coverage | null | undefined,
  orders: string,
  locale?: string,
): string | null {
  if (!coverage || coverage.browserShare === null || !(coverage.backend > 0)) return null;
  const { both, backend } = coverage;
  const line = `Browser tracking saw ${sharePercent(both, backend, locale)} of ${orders} (${formatCount(both, locale)} of ${formatCount(backend, locale)})`;
  const missed = Object.entries(coverage.backendOnlyRevenue)
    .filter(([, amount]) => amount !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => formatMoney(amount, currency, locale));
  return missed.length === 0 ? line : `${line} · ${missed.join(', ')} only the backend saw`;
}
