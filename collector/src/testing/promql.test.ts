import { describe, expect, it } from 'vitest';
import { metricNames } from './promql.js';

describe('metric names of a PromQL expression', () => {
  it('finds selectors, and skips functions, labels, ranges, grouping and numbers', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="collector", route=~"/a|b"}[$__rate_interval])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNames('sum(max by (partition) (cartpulse_dlq_entries)) > 1e3')).toEqual([
      'cartpulse_dlq_entries',
    ]);
    expect(
      metricNames('a_total / ignoring (x) group_left b offset 5m and on(y) c unless d bool > 0'),
    ).toEqual(['a_total', 'b', 'c', 'd']);
    expect(metricNames('sum(rate(x[5m])) by (reason)')).toEqual(['x']);
    expect(metricNames('up{job=~"collector|consumer"} == 0')).toEqual(['up']);
    expect(metricNames('label_replace(m, "dst", "$1", "src", "(.*)")')).toEqual(['m']);
  });
});
