/**
 * Pageviews and visitors per minute over the last hour, drawn by uPlot on a canvas (`chart.ts`: colors,
 * size, data updates).
 */
import type uPlot from 'uplot';
import { formatCount } from '../format.js';
import type { Snapshot } from '../snapshot.js';
import { axisStyle, COUNT_STEPS, type ChartColors, fromZero, useChart } from './chart.js';

/** x in seconds (uPlot's time unit), then pageviews, then visitors. */
export function seriesData(series: Snapshot['series']): uPlot.AlignedData {
  const xs = series.pageviews.map((_, index) => (series.start + index * series.stepMs) / 1000);
  return [xs, series.pageviews, series.visitors];
}

const clockTime = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function chartOptions(
  width: number,
  height: number,
  colors: ChartColors,
  fontPx: number,
): uPlot.Options {
  const axis = axisStyle(colors, fontPx);
  return {
    width,
    height,
    scales: { y: fromZero },
    axes: [
      {
        ...axis,
        space: fontPx * 6,
        // Clock times only: the date line uPlot adds would not fit under larger fonts, and it is always today.
        values: (_self, ticks) => ticks.map((tick) => clockTime.format(tick * 1000)),
      },
      {
        ...axis,
        size: fontPx * 3.5,
        incrs: COUNT_STEPS,
        values: (_self, ticks) => ticks.map((tick) => formatCount(tick)),
      },
    ],
    series: [
      { label: 'Time' },
      {
        label: 'Pageviews',
        stroke: colors.primary,
        fill: `${colors.primary}33`,
        width: 2,
        points: { show: false },
      },
      { label: 'Visitors', stroke: colors.secondary, width: 2, points: { show: false } },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
  };
}

export function SeriesChart({ series }: { series: Snapshot['series'] }) {
  const box = useChart(chartOptions, seriesData(series));
  const pageviews = series.pageviews.reduce((sum, n) => sum + n, 0);
  const visitors = series.visitors.reduce((top, n) => Math.max(top, n), 0);
  return (
    <section class="panel chart" aria-labelledby="chart-heading">
      <h2 id="chart-heading">
        Pageviews and visitors per minute{' '}
        <span class="window">{Math.round((series.pageviews.length * series.stepMs) / 60_000)} min</span>
      </h2>
      <div
        ref={box}
        class="chart-box"
        role="img"
        aria-label={`${formatCount(pageviews)} pageviews in the last hour; at most ${formatCount(visitors)} visitors in a minute.`}
      />
    </section>
  );
}
