import { describe, expect, it } from 'vitest';
import { HttpError } from './api.js';
import { type LiveStatus, type StreamSource, startLive } from './live.js';
import type { Filter, Snapshot } from './snapshot.js';
import { manualTimers, settle } from './testing/manual-timers.js';

class FakeStream implements StreamSource {
  listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data = '', lastEventId = '') {
    for (const listener of this.listeners.get(type) ?? []) listener({ data, lastEventId } as MessageEvent);
  }
}

const snapshot = (pageviews: number) => ({ site: 'shop', at: 0, pageviews }) as unknown as Snapshot;

function harness(
  overrides: { snapshot?: () => Promise<Snapshot>; streamUrl?: () => Promise<string>; filter?: Filter } = {},
) {
  const timers = manualTimers();
  const streams: FakeStream[] = [];
  const seen: number[] = [];
  const statuses: LiveStatus[] = [];
  const fresh: number[] = [];
  const refused: HttpError[] = [];
  const badFilters: HttpError[] = [];
  const asked: { streamed: (Filter | null | undefined)[]; polled: (Filter | null | undefined)[] } = {
    streamed: [],
    polled: [],
  };
  let polls = 0;
  let tickets = 0;
  const connection = startLive({
    site: 'shop',
    filter: overrides.filter,
    timers,
    api: {
      snapshot: async (_site, filter) => {
        asked.polled.push(filter);
        polls++;
        return overrides.snapshot ? overrides.snapshot() : snapshot(polls * 100);
      },
      streamUrl: async (site, lastEventId, filter) => {
        asked.streamed.push(filter);
        tickets++;
        if (overrides.streamUrl) return overrides.streamUrl();
        return `/api/stream?site=${site}&ticket=t${tickets}${lastEventId ? `&lastEventId=${lastEventId}` : ''}`;
      },
    },
    openStream: (url) => {
      const stream = new FakeStream(url);
      streams.push(stream);
      return stream;
    },
    onSnapshot: (value) => seen.push(value.pageviews),
    onFresh: (at) => fresh.push(at),
    onStatus: (status) => statuses.push(status),
    onUnauthorized: (error) => refused.push(error),
    onFilterRefused: (error) => badFilters.push(error),
  });
  return {
    timers,
    streams,
    seen,
    statuses,
    fresh,
    refused,
    badFilters,
    connection,
    asked,
    polls: () => polls,
    latest: () => streams[streams.length - 1],
  };
}

describe('live updates', () => {
  it('delivers streamed snapshots and confirmations', async () => {
    const h = harness();
    await settle();
    expect(h.latest().url).toBe('/api/stream?site=shop&ticket=t1');
    h.latest().emit('snapshot', JSON.stringify(snapshot(7)), 'v1');
    h.latest().emit('unchanged', '{}', 'v1');
    expect(h.seen).toEqual([7]);
    expect(h.fresh).toHaveLength(1);
    expect(h.statuses).toEqual(['live']);
    expect(h.polls()).toBe(0);
    h.connection.stop();
  });

  it('polls every 2 s while the stream is lost, then resumes the stream where it left off', async () => {
    const h = harness();
    await settle();
    h.latest().emit('snapshot', JSON.stringify(snapshot(1)), 'v1');
    h.latest().emit('error');
    expect(h.streams[0].closed).toBe(true);
    await settle();
    expect(h.statuses).toEqual(['live', 'polling']);
    expect(h.seen).toEqual([1, 100]);
    await h.timers.advance(1000);
    // The reconnect attempt resumes after the last event id it saw.
    expect(h.latest().url).toBe('/api/stream?site=shop&ticket=t2&lastEventId=v1');
    h.latest().emit('error');
    await h.timers.advance(2000);
    expect(h.polls()).toBe(2);
    await h.timers.advance(2000);
    expect(h.polls()).toBe(3);
    // Backoff: 1 s, then 2 s, then 4 s between attempts.
    expect(h.streams).toHaveLength(3);
    h.latest().emit('snapshot', JSON.stringify(snapshot(5)), 'v2');
    expect(h.statuses.at(-1)).toBe('live');
    await h.timers.advance(10_000);
    expect(h.polls()).toBe(3);
    h.connection.stop();
  });

  it('passes the filter to every ticket and every poll', async () => {
    const filter = { dimension: 'channel' as const, value: 'Email' };
    const h = harness({ filter });
    await settle();
    h.latest().emit('error');
    await settle();
    await h.timers.advance(1000);
    expect(h.asked.streamed).toEqual([filter, filter]);
    expect(h.asked.polled).toEqual([filter]);
    h.connection.stop();
    const unfiltered = harness();
    await settle();
    expect(unfiltered.asked.streamed).toEqual([null]);
    unfiltered.connection.stop();
  });

  it('stops when the collector refuses the filter, which no retry would change', async () => {
    const bad = () => Promise.reject(new HttpError(400, 'filters need breakdowns, which are off here'));
    const h = harness({ filter: { dimension: 'channel', value: 'Email' }, snapshot: bad });
    await settle();
    // The stream cannot tell why it failed; the poll that follows gets the 400.
    h.latest().emit('error');
    await settle();
    expect(h.badFilters.map((error) => error.message)).toEqual([
      'filters need breakdowns, which are off here',
    ]);
    expect(h.timers.pending()).toBe(0);
    expect(h.statuses).not.toContain('offline');
    // Unfiltered, a 400 is just a failed poll.
    const plain = harness({ snapshot: bad });
    await settle();
    plain.latest().emit('error');
    await settle();
    expect(plain.badFilters).toEqual([]);
    expect(plain.statuses).toEqual(['offline']);
    plain.connection.stop();
  });

  it('treats a silent stream as lost', async () => {
    const h = harness();
    await settle();
    h.latest().emit('snapshot', JSON.stringify(snapshot(1)), 'v1');
    await h.timers.advance(19_000);
    expect(h.statuses).toEqual(['live']);
    await h.timers.advance(1000);
    expect(h.streams[0].closed).toBe(true);
    expect(h.statuses).toEqual(['live', 'polling']);
    h.connection.stop();
  });

  it('reports offline when neither the stream nor polling reaches the collector, and keeps trying', async () => {
    const down = () => Promise.reject(new TypeError('Failed to fetch'));
    const h = harness({ snapshot: down, streamUrl: down });
    await settle();
    expect(h.statuses).toEqual(['offline']);
    await h.timers.advance(60_000);
    expect(h.polls()).toBeGreaterThanOrEqual(30);
    h.connection.stop();
    expect(h.timers.pending()).toBe(0);
  });

  it('stops and says so when the credential is refused', async () => {
    const h = harness({ streamUrl: () => Promise.reject(new HttpError(401, 'unauthorized')) });
    await settle();
    expect(h.refused).toHaveLength(1);
    expect(h.timers.pending()).toBe(0);
    await h.timers.advance(10_000);
    expect(h.polls()).toBe(0);
  });
});
