/**
 * Pageviews and visitors per minute over the last hour, drawn by uPlot on a canvas. Colors come from the
 * page's CSS custom properties, so the chart follows prefers-color-scheme; it resizes with its box.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { formatCount } from '../format.js';
import type { Snapshot } from '../snapshot.js';

export interface ChartColors {
  pageviews: string;
  visitors: string;
  text: string;
  grid: string;
}

/** x in seconds (uPlot's time unit), then pageviews, then visitors. */
export function seriesData(series: Snapshot['series']): uPlot.AlignedData {
  const xs = series.pageviews.map((_, index) => (series.start + index * series.stepMs) / 1000);
  return [xs, series.pageviews, series.visitors];
}

/** Whole-number tick steps: counts have no fractions, so the y axis never shows 2.5 (or 2 twice). */
const COUNT_STEPS = [1, 2, 5]
  .flatMap((step) => Array.from({ length: 10 }, (_, power) => step * 10 ** power))
  .sort((a, b) => a - b);

const clockTime = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function chartOptions(
  width: number,
  height: number,
  colors: ChartColors,
  fontPx: number,
): uPlot.Options {
  const font = `${fontPx}px system-ui, sans-serif`;
  const axis = { stroke: colors.text, font, grid: { stroke: colors.grid, width: 1 }, ticks: { show: false } };
  return {
    width,
    height,
    scales: { y: { range: (_self, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
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
        stroke: colors.pageviews,
        fill: `${colors.pageviews}33`,
        width: 2,
        points: { show: false },
      },
      { label: 'Visitors', stroke: colors.visitors, width: 2, points: { show: false } },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
  };
}

function readColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    pageviews: read('--pageviews', '#2563eb'),
    visitors: read('--visitors', '#d97706'),
    text: read('--muted', '#666666'),
    grid: read('--grid', '#8884'),
  };
}

const chartHeight = (width: number, fontPx: number) =>
  Math.round(Math.min(Math.max(width * 0.3, fontPx * 12), fontPx * 30));

export function SeriesChart({ series }: { series: Snapshot['series'] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(series);
  latest.current = series;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let builtFontPx = 0;
    const build = () => {
      chart.current?.destroy();
      const fontPx = Number.parseFloat(getComputedStyle(element).fontSize) || 14;
      builtFontPx = fontPx;
      const width = Math.max(element.clientWidth, 200);
      chart.current = new uPlot(
        chartOptions(width, chartHeight(width, fontPx), readColors(element), fontPx),
        seriesData(latest.current),
        element,
      );
    };
    build();
    const resize = new ResizeObserver(() => {
      const current = chart.current;
      const fontPx = Number.parseFloat(getComputedStyle(element).fontSize) || 14;
      const width = Math.max(element.clientWidth, 200);
      // The root font grows with the viewport: a new size needs new axis fonts, not just a new canvas.
      if (fontPx !== builtFontPx) build();
      else if (current && Math.abs(current.width - width) > 1)
        current.setSize({ width, height: chartHeight(width, fontPx) });
    });
    resize.observe(element);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', build);
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setData(seriesData(series));
  }, [series]);

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
