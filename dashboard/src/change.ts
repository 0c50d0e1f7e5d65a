/**
 * A number against the same number earlier (today against yesterday at the same time, or last week):
 * the relative change and how people read it. Pure; locale injectable for tests.
 */
import { formatCount } from './format.js';

/** `up` or `down`; `flat` when equal; `new` when only now has any; `none` when there is nothing to say. */
export type Trend = 'up' | 'down' | 'flat' | 'new' | 'none';

export interface Change {
  trend: Trend;
  /** (current − previous) ÷ |previous|, four decimals; null for `new` and `none`. */
  ratio: number | null;
  /** `▲ 12 %`, `▼ 5 %`, `0 %`, `new` or `—`, with no-break spaces so it never wraps. */
  text: string;
}

const NONE: Change = { trend: 'none', ratio: null, text: '—' };

/**
 * `current` against `previous`, in whole percents (`▲ <1 %` for a change that rounds to none). A missing
 * or non-finite number, or two zeros, is `—`; from zero to something is `new`.
 *
 * @example change(112, 100) // { trend: 'up', ratio: 0.12, text: '▲ 12 %' }
 */
export function change(
  current: number | null | undefined,
  previous: number | null | undefined,
  locale?: string,
): Change {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous))
    return NONE;
  if (previous === 0) return current === 0 ? NONE : { trend: 'new', ratio: null, text: 'new' };
  const ratio = Math.round(((current - previous) / Math.abs(previous)) * 10_000) / 10_000;
  if (ratio === 0) return { trend: 'flat', ratio: 0, text: '0\u00a0%' };
  const percent = Math.round(Math.abs(ratio) * 100);
  const shown = percent === 0 ? '<1' : formatCount(percent, locale);
  return ratio > 0
    ? { trend: 'up', ratio, text: `▲\u00a0${shown}\u00a0%` }
    : { trend: 'down', ratio, text: `▼\u00a0${shown}\u00a0%` };
}
