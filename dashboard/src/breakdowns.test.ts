import { describe, expect, it } from 'vitest';
import { breakdownRows, filterLabel, hasBreakdowns, valueIcon, valueLabel } from './breakdowns.js';
import { sampleBreakdowns, sampleSnapshot } from './testing/sample.js';

describe('breakdowns', () => {
  it('treats a snapshot without breakdowns, or without one dimension, as empty', () => {
    const old = sampleSnapshot();
    delete old.breakdowns;
    expect(breakdownRows(old, 'channel')).toEqual([]);
    expect(hasBreakdowns(old)).toBe(false);
    const partial = sampleSnapshot({ breakdowns: { channel: [] } as never });
    expect(breakdownRows(partial, 'country')).toEqual([]);
    expect(hasBreakdowns(partial)).toBe(false);
    expect(hasBreakdowns(sampleSnapshot({ breakdowns: sampleBreakdowns() }))).toBe(true);
  });

  it('names values as people read them', () => {
    expect(valueLabel('country', 'DE')).toBe('Germany');
    expect(valueLabel('country', '(not set)')).toBe('Unknown');
    expect(valueLabel('device', 'mobile')).toBe('Mobile');
    expect(valueLabel('entry', '/caf%C3%A9')).toBe('/café');
    expect(valueLabel('source', '(other)')).toBe('Other');
    expect(valueLabel('campaign', '(not set)')).toBe('(not set)');
    expect(valueIcon('country', 'FR')).toBe('🇫🇷');
    expect(valueIcon('channel', 'FR')).toBe('');
  });

  it('labels a filter with its dimension and value', () => {
    expect(filterLabel({ dimension: 'channel', value: 'Email' })).toBe('Channel: Email');
    expect(filterLabel({ dimension: 'country', value: 'DE' })).toBe('Country: Germany');
    expect(filterLabel({ dimension: 'entry', value: '/p/mug' })).toBe('Entry page: /p/mug');
  });
});
