/** What the generator prints: a one-line progress report and the final summary. */
import { CURRENCY } from '../shop/catalog.js';
import type { Progress, Summary } from './run.js';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const n = (value: number) => integer.format(value);
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const ms = (value: number) =>
  Number.isNaN(value) ? '–' : value < 10 ? `${value.toFixed(1)} ms` : `${n(value)} ms`;

/**
 * The live line, rewritten in place on a terminal.
 * @example formatProgress(progress, 60) // "12 s/60 · sent 24,000 · accepted 23,990 · rejected 0 · failed 0 · 2,000 ev/s · p99 4.2 ms"
 */
export function formatProgress(progress: Progress, durationSeconds: number): string {
  return [
    `${Math.round(progress.elapsedMs / 1000)} s/${oneDecimal.format(durationSeconds)}`,
    `sent ${n(progress.sent)}`,
    `accepted ${n(progress.accepted)}`,
    `rejected ${n(progress.rejected)}`,
    `failed ${n(progress.failedRequests)}`,
    `${n(progress.eventsPerSecond)} ev/s`,
    `p99 ${ms(progress.p99Ms)}`,
    ...(progress.inFlight > 0 ? [`in flight ${n(progress.inFlight)}`] : []),
  ].join(' · ');
}

/** The summary printed at the end of a run. */
export function formatSummary(summary: Summary): string {
  const { options, journeys, latency } = summary;
  const seconds = summary.elapsedMs / 1000;
  const statuses = Object.entries(summary.statuses)
    .map(([status, count]) => `${status === '0' ? 'no answer' : status} ×${n(count)}`)
    .join(', ');
  const lines = [
    `Cartpulse loadgen: ${seconds.toFixed(1)} s against ${options.url} (site ${options.site})${summary.interrupted ? ', interrupted' : ''}`,
    `  events    sent ${n(summary.sent)} · accepted ${n(summary.accepted)} · rejected ${n(summary.rejected)} · lost ${n(summary.lost)}`,
    `  requests  ${n(summary.requests)} (${statuses || 'none'}) · failed ${n(summary.failedRequests)}`,
    `  rate      ${options.max ? 'max' : `${n(options.rate)} ev/s target`} · ${n(summary.acceptedPerSecond)} ev/s accepted`,
    `  latency   p50 ${ms(latency.p50)} · p90 ${ms(latency.p90)} · p99 ${ms(latency.p99)} · max ${ms(latency.max)}`,
    `  shoppers  ${n(journeys.visitors)} visitors · ${n(journeys.sessions)} sessions · ${n(journeys.pageviews)} pageviews · ${n(journeys.addToCarts)} adds to cart · ${n(journeys.checkouts)} checkouts · ${n(journeys.orders)} orders · ${CURRENCY} ${money.format(journeys.revenue)}`,
  ];
  for (const error of summary.errors) lines.push(`  error     ${error}`);
  return lines.join('\n');
}

/** True when the run should exit non-zero: a request failed or the collector rejected an event. */
export function failed(summary: Summary): boolean {
  return summary.failedRequests > 0 || summary.rejected > 0;
}
