/**
 * The longest an event may lie in the past: older ones are refused (`tooOld`), because a day late is as
 * late as an event can be and still land in its own day, once (windows/days.ts).
 */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * An event's time on the server clock. The client's clock may be off by minutes or years, but the gap
 * between its own `ts` and `sent` is trustworthy, so `accept − (sent − ts)` corrects the skew; the result
 * is clamped to `[accept − 24 h, accept]` so that no event lands in the future or absurdly far back.
 */
export function eventTime(accept: number, ts: number | undefined, sent: number | undefined): number {
  const t = ts === undefined ? accept : sent === undefined ? ts : accept - (sent - ts);
  return Math.min(accept, Math.max(accept - MAX_EVENT_AGE_MS, Math.round(t)));
}

/** Whether the event's corrected time lies more than `MAX_EVENT_AGE_MS` before it was accepted. */
export function tooOld(accept: number, ts: number | undefined, sent: number | undefined): boolean {
  if (ts === undefined) return false;
  const t = sent === undefined ? ts : accept - (sent - ts);
  return t < accept - MAX_EVENT_AGE_MS;
}
