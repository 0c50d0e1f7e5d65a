import { describe, expect, it } from 'vitest';
import { defaultLoadgenOptions } from './options.js';
import { failed, formatProgress, formatSummary } from './report.js';
import type { Progress, Summary } from './run.js';

const progress: Progress = {
  elapsedMs: 11_600,
  sent: 24_000,
  accepted: 23_990,
  rejected: 0,
  lost: 10,
  requests: 2400,
  failedRequests: 1,
  inFlight: 0,
  eventsPerSecond: 1999.6,
  p99Ms: 4.25,
};

const summary: Summary = {
  ...progress,
  options: { ...defaultLoadgenOptions(), rate: 2000, seed: 1 },
  acceptedPerSecond: 2068.1,
  latency: { p50: 2, p90: 3.5, p99: 14.2, max: 80 },
  statuses: { 202: 2399, 0: 1 },
  errors: ['connect ECONNREFUSED 127.0.0.1:8787'],
  journeys: {
    visitors: 900,
    sessions: 2500,
    pageviews: 13_000,
    viewItems: 6000,
    addToCarts: 1500,
    checkouts: 400,
    orders: 120,
    revenue: 7654.5,
  },
  interrupted: false,
};

describe('report', () => {
  it('prints the live line', () => {
    expect(formatProgress(progress, 60)).toBe(
      '12 s/60 · sent 24,000 · accepted 23,990 · rejected 0 · failed 1 · 2,000 ev/s · p99 4.3 ms',
    );
    expect(formatProgress({ ...progress, inFlight: 7, p99Ms: Number.NaN }, 0.5)).toMatch(
      / s\/0\.5 · .* · p99 – · in flight 7$/,
    );
  });

  it('prints the summary with what the shoppers did', () => {
    const text = formatSummary(summary);
    expect(text).toContain('events    sent 24,000 · accepted 23,990 · rejected 0 · lost 10');
    expect(text).toContain('requests  2,400 (no answer ×1, 202 ×2,399) · failed 1');
    expect(text).toContain('rate      2,000 ev/s target · 2,068 ev/s accepted');
    expect(text).toContain('latency   p50 2.0 ms · p90 3.5 ms · p99 14 ms · max 80 ms');
    expect(text).toContain('900 visitors · 2,500 sessions · 13,000 pageviews');
    expect(text).toContain('120 orders · EUR 7,654.50');
    expect(text).toContain('error     connect ECONNREFUSED');
  });

  it('fails the run on a failed request or a rejected event only', () => {
    expect(failed(summary)).toBe(true);
    expect(failed({ ...summary, failedRequests: 0 })).toBe(false);
    expect(failed({ ...summary, failedRequests: 0, rejected: 1 })).toBe(true);
  });
});
