import { describe, expect, it } from 'vitest';
import { eventTime, MAX_EVENT_AGE_MS, tooOld } from './event-time.js';

const accept = 1_800_000_000_000;

describe('eventTime', () => {
  it('corrects a client clock that runs an hour fast', () => {
    const hourFast = 3_600_000;
    expect(eventTime(accept, accept + hourFast - 5_000, accept + hourFast)).toBe(accept - 5_000);
  });
  it('keeps a retried event at its original time, not now', () => {
    const sentLater = accept + 3_600_000; // client clock, an hour after the event
    expect(eventTime(accept, sentLater - 3_600_000, sentLater)).toBe(accept - 3_600_000);
  });
  it('never places an event in the future', () => {
    expect(eventTime(accept, accept + 10_000, accept)).toBe(accept);
  });
  it('clamps to 24 hours back', () => {
    expect(eventTime(accept, 0, accept)).toBe(accept - MAX_EVENT_AGE_MS);
  });
  it('tells an event more than 24 hours old, by its corrected time', () => {
    expect(tooOld(accept, accept - MAX_EVENT_AGE_MS, accept)).toBe(false);
    expect(tooOld(accept, accept - MAX_EVENT_AGE_MS - 1, accept)).toBe(true);
    // a client clock a day slow is not an old event
    expect(tooOld(accept, accept - MAX_EVENT_AGE_MS - 5_000, accept - MAX_EVENT_AGE_MS)).toBe(false);
    expect(tooOld(accept, undefined, accept)).toBe(false);
  });
  it('uses the accept time without ts, and ts as given without sent', () => {
    expect(eventTime(accept, undefined, accept)).toBe(accept);
    expect(eventTime(accept, accept - 42, undefined)).toBe(accept - 42);
  });
});
