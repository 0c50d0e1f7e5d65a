/** The ratios a snapshot derives from its sums, for the live windows and for the days alike. */
import type { Coverage } from '@cartpulse/protocol';
import { REVENUE_UNITS } from './arithmetic.js';

/** Per currency, revenue units (`r:<currency>`) ÷ orders paid in it (`o:<currency>`), two decimals. */
export function averageOrderValues(sums: Record<string, number>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [field, orders] of Object.entries(sums)) {
    if (!field.startsWith('o:') || orders <= 0) continue;
    const currency = field.slice(2);
    values[currency] = averageOrderValue(sums[`r:${currency}`] ?? 0, orders);
  }
  return values;
}

export const averageOrderValue = (units: number, orders: number) =>
  Math.round((units / REVENUE_UNITS / orders) * 100) / 100;

/** Buyers ÷ visitors over the e-commerce window, 4 decimals; 0 when nobody visited. */
export function conversionRate(buyers: number, visitors: number): number {
  return visitors === 0 ? 0 : Math.round((buyers / visitors) * 10_000) / 10_000;
}

/** Coverage from the sums of its counters (`cb`, `cs`, `cx`, `rs:<currency>`: windows/days.ts `DAY_METRIC`). */
export function coverageOf(sums: Record<string, number>): Coverage {
  const both = sums.cx ?? 0;
  const browser = (sums.cb ?? 0) + both;
  const backend = (sums.cs ?? 0) + both;
  const backendOnlyRevenue: Record<string, number> = {};
  for (const [field, units] of Object.entries(sums))
    if (field.startsWith('rs:') && units !== 0) backendOnlyRevenue[field.slice(3)] = units / REVENUE_UNITS;
  return {
    browser,
    backend,
    both,
    browserShare: backend === 0 ? null : Math.round((both / backend) * 10_000) / 10_000,
    backendOnlyRevenue,
  };
}
