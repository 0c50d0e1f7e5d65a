/**
 * The bench's output: one row per figure, each beside the baseline measured in the same run, and the
 * compact table printed at the end. Pure formatting, tested in bench.test.ts.
 */

export interface Row {
  /** Bench section, e.g. `1 ingest`. */
  section: string;
  /** What was measured, e.g. `collector, batch 20, ids`. */
  figure: string;
  /** The figure, already formatted. */
  value: string;
  /** What it is compared with, formatted with its name, e.g. `bare node:http 41.2k events/s`; '' when none. */
  baseline: string;
  /** value ÷ baseline as text (`62%`, `3.1×`), or ''. */
  ratio: string;
  /** The aim, when the issue sets one: `≥ 60%`, and whether it was met. */
  aim?: { text: string; met: boolean };
}

/** 1234 → `1.23k`, 20000 → `20k`, 1234567 → `1.23M`: three significant digits; whole numbers below 1,000 as they are. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const digits = (x: number) => String(Number(x.toPrecision(3)));
  if (abs >= 1e6) return `${digits(n / 1e6)}M`;
  if (abs >= 1e3) return `${digits(n / 1e3)}k`;
  return Number.isInteger(n) ? String(n) : digits(n);
}

export const formatRate = (perSecond: number, unit = 'events/s') => `${formatCount(perSecond)} ${unit}`;

/** Milliseconds with a precision that suits the magnitude: `0.21 ms`, `3.4 ms`, `120 ms`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Microseconds, as for CPU time per event: `0.42 µs`, `3.1 µs`, `12 µs`. */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us >= 10) return `${us.toFixed(0)} µs`;
  if (us >= 1) return `${us.toFixed(1)} µs`;
  return `${us.toFixed(2)} µs`;
}

/** A share of one core's time, with a decimal while small: 0.041 → `4.1% of a core`, 0.35 → `35% of a core`. */
export function formatCore(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const percent = share * 100;
  return `${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}% of a core`;
}

/** Bytes in binary units: `512 B`, `3.0 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A share of a baseline as a percentage: 0.62 → `62%`. */
export function formatShare(ratio: number): string {
  return Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : '';
}

/** A ratio as a multiple: 0.784 → `0.78×`, 3.14 → `3.1×`, 14.2 → `14×`. */
export function formatTimes(ratio: number): string {
  if (!Number.isFinite(ratio)) return '';
  // below 1, two decimals: an aim of `≥ 0.8×` must not look met at 0.78
  if (ratio < 1) return `${Number(ratio.toFixed(2))}×`;
  return ratio < 10 ? `${ratio.toFixed(1)}×` : `${Math.round(ratio)}×`;
}

const HEADER = ['section', 'figure', 'value', 'baseline (same run)', 'ratio', 'aim'];

/** Rows as a plain-text table with aligned columns, the header first. */
export function formatTable(rows: readonly Row[]): string {
  const cells = [
    HEADER,
    ...rows.map((row) => [
      row.section,
      row.figure,
      row.value,
      row.baseline,
      row.ratio,
      row.aim ? `${row.aim.text} ${row.aim.met ? 'met' : 'NOT met'}` : '',
    ]),
  ];
  const widths = HEADER.map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  const line = (values: string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}
