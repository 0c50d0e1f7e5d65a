/**
 * Today against yesterday and the same weekday last week, hour by hour of the site's local day, drawn by
 * uPlot (`chart.ts`: colors, size, data updates): today solid up to the current hour, yesterday dashed,
 * last week thin and dotted. A switch chooses sessions, pageviews, orders or revenue (the first currency).
 */
import { useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatCount, formatMoney } from '../format.js';
import {
  type DAYS,
  firstCurrency,
  HOUR_METRICS,
  type HourMetric,
  type Hours,
  hourlyChart,
} from '../hours.js';
import { axisStyle, COUNT_STEPS, type ChartColors, fromZero, useChart } from './chart.js';

const NAMES: Record<HourMetric, string> = {
  sessions: 'Sessions',
  pageviews: 'Pageviews',
  orders: 'Orders',
  revenue: 'Revenue',
};
const DAY_LABELS = { today: 'Today', yesterday: 'Yesterday', lastWeek: 'Last week' };

export function hoursOptions(
  labels: string[],
  format: (value: number) => string,
): (width: number, height: number, colors: ChartColors, fontPx: number) => uPlot.Options {
  return (width, height, colors, fontPx) => {
    const axis = axisStyle(colors, fontPx);
    const line = (day: (typeof DAYS)[number], stroke: string, width: number, dash?: number[]) => ({
      label: DAY_LABELS[day],
      stroke,
      width,
      dash,
      spanGaps: true,
      points: { show: false },
      value: (_self: uPlot, value: number | null) => (value == null ? '–' : format(value)),
    });
    return {
      width,
      height,
      scales: { x: { time: false, range: [0, Math.max(1, labels.length - 1)] }, y: fromZero },
      axes: [
        {
          ...axis,
          space: fontPx * 2.5,
          incrs: [1, 2, 3, 6, 12],
          values: (_self, ticks) => ticks.map((tick) => labels[tick]?.slice(0, 2) ?? ''),
        },
        {
          ...axis,
          size: fontPx * 3.5,
          incrs: COUNT_STEPS,
          values: (_self, ticks) => ticks.map((tick) => formatCount(tick)),
        },
      ],
      series: [
        { label: 'Hour', value: (_self, index) => labels[index] ?? '' },
        line('today', colors.primary, 2),
        line('yesterday', colors.secondary, 1.5, [6, 4]),
        line('lastWeek', colors.text, 1, [2, 3]),
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
    };
  };
}

export function HoursChart({ hours, timezone, locale }: { hours: Hours; timezone: string; locale?: string }) {
  const [chosen, setMetric] = useState<HourMetric>('sessions');
  const currency = firstCurrency(hours);
  const metrics = HOUR_METRICS.filter((name) => name !== 'revenue' || currency);
  const metric = metrics.includes(chosen) ? chosen : 'sessions';
  const chart = useMemo(() => hourlyChart(hours, timezone, metric), [hours, timezone, metric]);
  const { labels } = chart;
  const format = (value: number) =>
    metric === 'revenue' && currency ? formatMoney(value, currency, locale) : formatCount(value, locale);
  // Labels and the value format are built into the chart: a new day or metric builds it again.
  const box = useChart(hoursOptions(labels, format), chart.data, `${metric}|${currency}|${labels.join()}`);
  const title = `${NAMES[metric]}${metric === 'revenue' ? ` (${currency})` : ''} by hour`;
  const sums = chart.data.slice(1).map((line) => format(line.reduce<number>((sum, n) => sum + (n ?? 0), 0)));
  return (
    <section class="panel chart hours" aria-labelledby="hours-heading">
      <div class="tabs-head">
        <h2 id="hours-heading">
          {title} <span class="window">today, yesterday, last week</span>
        </h2>
        <div class="switch" role="group" aria-label="Metric by hour">
          {metrics.map((name) => (
            <button
              type="button"
              key={name}
              data-hour-metric={name}
              aria-pressed={name === metric ? 'true' : 'false'}
              onClick={() => setMetric(name)}
            >
              {NAMES[name]}
            </button>
          ))}
        </div>
      </div>
      <div
        ref={box}
        class="chart-box"
        role="img"
        aria-label={`${title}: today ${sums[0]} so far, yesterday ${sums[1]}, last week ${sums[2]}.`}
      />
    </section>
  );
}
