import { describe, expect, it } from 'vitest';
import { change } from './change.js';

const shown = (current?: number | null, previous?: number | null) =>
  change(current, previous, 'en-US').text.replace(/\u00a0/g, ' ');

describe('change', () => {
  it('shows a rise or a fall in whole percents, with an arrow', () => {
    expect(change(112, 100, 'en-US')).toEqual({ trend: 'up', ratio: 0.12, text: '▲\u00a012\u00a0%' });
    expect(change(95, 100, 'en-US')).toEqual({ trend: 'down', ratio: -0.05, text: '▼\u00a05\u00a0%' });
    expect(shown(200, 100)).toBe('▲ 100 %');
    expect(shown(0, 100)).toBe('▼ 100 %');
    expect(shown(2500, 10)).toBe('▲ 24,900 %');
  });

  it('rounds to the nearest percent, half away from zero, and says <1 % rather than 0 % for a change', () => {
    expect(shown(25, 30)).toBe('▼ 17 %'); // −16.67 %
    expect(shown(1005, 1000)).toBe('▲ 1 %'); // 0.5 %
    expect(shown(1004, 1000)).toBe('▲ <1 %');
    expect(shown(999, 1000)).toBe('▼ <1 %');
    expect(change(2, 3).ratio).toBe(-0.3333);
  });

  it('is flat for the same number, and counts a negative earlier number by its size', () => {
    expect(change(0.08, 0.08, 'en-US')).toEqual({ trend: 'flat', ratio: 0, text: '0\u00a0%' });
    expect(change(-5, -10)).toMatchObject({ trend: 'up', ratio: 0.5 }); // refunds shrank
    expect(change(-20, -10)).toMatchObject({ trend: 'down', ratio: -1 });
  });

  it('says new when only now has any, and — when neither has or a number is missing', () => {
    expect(change(3, 0)).toEqual({ trend: 'new', ratio: null, text: 'new' });
    expect(change(0, 0)).toEqual({ trend: 'none', ratio: null, text: '—' });
    expect(change(3, undefined).trend).toBe('none');
    expect(change(undefined, 3).trend).toBe('none');
    expect(change(null, null).text).toBe('—');
    expect(change(Number.NaN, 3).trend).toBe('none');
    expect(change(3, Number.POSITIVE_INFINITY).trend).toBe('none');
  });
});
