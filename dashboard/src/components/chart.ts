/**
 * What the uPlot charts share: colors from the page's CSS custom properties (so a chart follows
 * prefers-color-scheme), the axis style, whole-number ticks, and `useChart`, which builds a chart in its
 * box, follows the box's size and the page's font, and hands the chart new data only when it changed.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartColors {
  /** The first series (`--pageviews`). */
  primary: string;
  /** The second series (`--visitors`). */
  secondary: string;
  /** Axis labels, and a third series (`--muted`). */
  text: string;
  grid: string;
}

/** Whole-number tick steps: counts have no fractions, so the y axis never shows 2.5 (or 2 twice). */
export const COUNT_STEPS = [1, 2, 5]
  .flatMap((step) => Array.from({ length: 10 }, (_, power) => step * 10 ** power))
  .sort((a, b) => a - b);

/** An axis in the page's font and colors, with grid lines and no ticks. */
export const axisStyle = (colors: ChartColors, fontPx: number) => ({
  stroke: colors.text,
  font: `${fontPx}px system-ui, sans-serif`,
  grid: { stroke: colors.grid, width: 1 },
  ticks: { show: false },
});

/** A y scale from 0 with some room above the highest value. */
export const fromZero: uPlot.Scale = { range: (_self, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] };

function readColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    primary: read('--pageviews', '#2563eb'),
    secondary: read('--visitors', '#d97706'),
    text: read('--muted', '#666666'),
    grid: read('--grid', '#8884'),
  };
}

const chartHeight = (width: number, fontPx: number) =>
  Math.round(Math.min(Math.max(width * 0.3, fontPx * 12), fontPx * 30));

function sameData(a: uPlot.AlignedData, b: uPlot.AlignedData): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

export type ChartOptions = (
  width: number,
  height: number,
  colors: ChartColors,
  fontPx: number,
) => uPlot.Options;

/**
 * A uPlot chart in the returned box. `options` and `data` are read when the chart is built: on mount, when
 * `key` changes, when the page font or the color scheme changes. New data is handed over with `setData`
 * (uPlot draws it on its next batch), and not at all when equal to what is drawn.
 */
export function useChart(
  options: ChartOptions,
  data: uPlot.AlignedData,
  key = '',
): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef({ options, data });
  latest.current = { options, data };

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let builtFontPx = 0;
    const size = () => {
      const fontPx = Number.parseFloat(getComputedStyle(element).fontSize) || 14;
      return { fontPx, width: Math.max(element.clientWidth, 200) };
    };
    const build = () => {
      chart.current?.destroy();
      const { fontPx, width } = size();
      builtFontPx = fontPx;
      const { options, data } = latest.current;
      chart.current = new uPlot(
        options(width, chartHeight(width, fontPx), readColors(element), fontPx),
        data,
        element,
      );
    };
    build();
    const resize = new ResizeObserver(() => {
      const current = chart.current;
      const { fontPx, width } = size();
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
  }, [key]);

  useEffect(() => {
    const current = chart.current;
    if (current && !sameData(current.data, data)) current.setData(data);
  }, [data]);

  return box;
}
