import { describe, expect, it } from 'vitest';
import { createHub, edgeOffset, type HubClock, type HubMessage, snapshotVersion } from './hub.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers driven by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const clock: HubClock & { advance(ms: number): Promise<void>; pending(): number } = {
    now: () => now,
    setTimeout(run, ms) {
      due.set(nextId, { at: now + ms, run });
      return nextId++;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    pending: () => due.size,
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (;;) {
        const next = [...due].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].run();
        await settle();
      }
      now = end;
    },
  };
  return clock;
}

/** A snapshot source whose numbers the test sets, counting reads per site. */
function source(clock: { now(): number }) {
  const values = new Map<string, number>();
  const reads = new Map<string, number>();
  let failing = false;
  return {
    set: (site: string, pageviews: number) => values.set(site, pageviews),
    reads: (site: string) => reads.get(site) ?? 0,
    fail: (value: boolean) => {
      failing = value;
    },
    read: async (site: string) => {
      reads.set(site, (reads.get(site) ?? 0) + 1);
      if (failing) throw new Error('redis down');
      return { site, at: clock.now(), pageviews: values.get(site) ?? 0 };
    },
  };
}

function collect() {
  const messages: HubMessage[] = [];
  return { messages, listener: (message: HubMessage) => messages.push(message) };
}

describe('stream hub', () => {
  it('serves 200 viewers of a site with one read per tick, and the same message object to all', async () => {
    const clock = manualClock();
    const data = source(clock);
    const hub = createHub({ read: data.read, clock, tickMs: 250 });
    const viewers = Array.from({ length: 200 }, () => collect());
    for (const viewer of viewers) hub.subscribe('shop', viewer.listener);
    await clock.advance(0);
    expect(data.reads('shop')).toBe(1);
    expect(hub.viewers('shop')).toBe(200);
    for (const viewer of viewers) expect(viewer.messages).toHaveLength(1);

    await clock.advance(10 * 250);
    expect(data.reads('shop')).toBe(11);
    data.set('shop', 5);
    await clock.advance(250);
    expect(data.reads('shop')).toBe(12);
    const sent = viewers.map((viewer) => viewer.messages.at(-1));
    expect(sent[0]?.event).toBe('snapshot');
    expect(JSON.parse(sent[0]?.data ?? '').pageviews).toBe(5);
    expect(new Set(sent).size).toBe(1);
    hub.close();
  });

  it('pushes only when the numbers change, at most once per tick, and confirms a quiet site every 5 s', async () => {
    const clock = manualClock();
    const data = source(clock);
    const hub = createHub({ read: data.read, clock, tickMs: 250, confirmMs: 5000 });
    const viewer = collect();
    hub.subscribe('shop', viewer.listener);
    await clock.advance(0);
    // Ten changes within one tick reach the viewer as one message.
    for (let n = 1; n <= 10; n++) data.set('shop', n);
    await clock.advance(250);
    expect(viewer.messages.map((m) => m.event)).toEqual(['snapshot', 'snapshot']);
    expect(JSON.parse(viewer.messages[1].data).pageviews).toBe(10);
    // Four seconds of nothing: no message. At five: a confirmation carrying the server time.
    await clock.advance(4000);
    expect(viewer.messages).toHaveLength(2);
    await clock.advance(1000);
    expect(viewer.messages[2].event).toBe('unchanged');
    expect(viewer.messages[2].id).toBe(viewer.messages[1].id);
    expect(JSON.parse(viewer.messages[2].data).at).toBe(clock.now());
    // Never more than 4 messages a second, whatever happens.
    for (let step = 0; step < 40; step++) {
      data.set('shop', 100 + step);
      await clock.advance(100);
    }
    expect(viewer.messages.length - 3).toBeLessThanOrEqual(4 * 4 + 1);
    hub.close();
  });

  it('gives a new viewer the current snapshot at once, without an extra read', async () => {
    const clock = manualClock();
    const data = source(clock);
    const hub = createHub({ read: data.read, clock });
    hub.subscribe('shop', collect().listener);
    await clock.advance(0);
    const late = collect();
    hub.subscribe('shop', late.listener);
    expect(late.messages.map((m) => m.event)).toEqual(['snapshot']);
    expect(data.reads('shop')).toBe(1);
    hub.close();
  });

  it('resumes with Last-Event-ID: a viewer that has the current version gets a confirmation, not the snapshot', async () => {
    const clock = manualClock();
    const data = source(clock);
    const hub = createHub({ read: data.read, clock });
    const first = collect();
    hub.subscribe('shop', first.listener);
    await clock.advance(0);
    const version = first.messages[0].id;
    const resumed = collect();
    hub.subscribe('shop', resumed.listener, version);
    expect(resumed.messages.map((m) => m.event)).toEqual(['unchanged']);
    const behind = collect();
    hub.subscribe('shop', behind.listener, 'old-version');
    expect(behind.messages.map((m) => m.event)).toEqual(['snapshot']);
    hub.close();
    // The same on a fresh hub (another collector, or after a restart): versions are content hashes.
    const other = createHub({ read: data.read, clock });
    const again = collect();
    other.subscribe('shop', again.listener, version);
    await clock.advance(0);
    expect(again.messages.map((m) => m.event)).toEqual(['unchanged']);
    other.close();
  });

  it('keeps one loop per site and stops reading when the last viewer leaves', async () => {
    const clock = manualClock();
    const data = source(clock);
    const hub = createHub({ read: data.read, clock, tickMs: 250 });
    const leaveA = hub.subscribe('a', collect().listener);
    const leaveB = hub.subscribe('b', collect().listener);
    await clock.advance(1000);
    expect([data.reads('a'), data.reads('b')]).toEqual([5, 5]);
    leaveA();
    await clock.advance(1000);
    expect([data.reads('a'), data.reads('b')]).toEqual([5, 9]);
    leaveB();
    expect(hub.viewers()).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('survives failed reads and carries on when storage is back', async () => {
    const clock = manualClock();
    const data = source(clock);
    const errors: string[] = [];
    const hub = createHub({ read: data.read, clock, retryMs: 1000, onError: (site) => errors.push(site) });
    const viewer = collect();
    data.fail(true);
    hub.subscribe('shop', viewer.listener);
    await clock.advance(3000);
    expect(viewer.messages).toHaveLength(0);
    expect(errors.length).toBe(4);
    data.fail(false);
    await clock.advance(1000);
    expect(viewer.messages.map((m) => m.event)).toEqual(['snapshot']);
    hub.close();
  });

  it('versions snapshots by content, ignoring the time they were read', () => {
    expect(snapshotVersion({ at: 1, pageviews: 2 })).toBe(snapshotVersion({ at: 9, pageviews: 2 }));
    expect(snapshotVersion({ at: 1, pageviews: 2 })).not.toBe(snapshotVersion({ at: 1, pageviews: 3 }));
  });
});

describe('stream hub reading on change', () => {
  it('reads a site only when told it changed or when a window edge passes, and confirms without reading', async () => {
    // the site's edges fall `edgeOffset` after each multiple of 10 s: start 4 s before one
    const clock = manualClock(1_006_000 + edgeOffset('shop', 10_000));
    const snapshots = source(clock);
    const hub = createHub({ read: snapshots.read, clock, tickMs: 250, confirmMs: 5000, edgeMs: 10_000 });
    const { messages, listener } = collect();
    hub.subscribe('shop', listener);
    await clock.advance(0);
    expect(snapshots.reads('shop')).toBe(1);
    await clock.advance(2000); // eight ticks, nothing changed, no edge crossed
    expect(snapshots.reads('shop')).toBe(1);
    snapshots.set('shop', 3);
    hub.changed('shop');
    await clock.advance(250);
    expect(snapshots.reads('shop')).toBe(2);
    expect(JSON.parse(messages.at(-1)?.data ?? '{}').pageviews).toBe(3);
    await clock.advance(1500); // 250 ms before the edge, and well under confirmMs
    expect(snapshots.reads('shop')).toBe(2);
    await clock.advance(500); // past the edge: the windows moved
    expect(snapshots.reads('shop')).toBe(3);
    const sent = messages.length;
    await clock.advance(5250); // quiet past confirmMs: an `unchanged` with the time, and no read
    expect(snapshots.reads('shop')).toBe(3);
    expect(messages.slice(sent).map((m) => m.event)).toEqual(['unchanged']);
    expect(JSON.parse(messages.at(-1)?.data ?? '{}').at).toBeGreaterThan(
      JSON.parse(messages[sent - 1].data).at,
    );
    await clock.advance(5000); // the next edge: read again (also the net should a signal be lost)
    expect(snapshots.reads('shop')).toBe(4);
    hub.close();
  });

  it('reads again after a failed read without being told', async () => {
    const clock = manualClock(1_000_000);
    const snapshots = source(clock);
    const hub = createHub({ read: snapshots.read, clock, tickMs: 250, retryMs: 1000, edgeMs: 10_000 });
    snapshots.fail(true);
    hub.subscribe('shop', () => {});
    await clock.advance(0);
    snapshots.fail(false);
    await clock.advance(1000);
    expect(snapshots.reads('shop')).toBe(2);
    hub.close();
  });
});

describe('edge reads', () => {
  it('are spread by site over the first quarter of the interval', () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => edgeOffset(`site-${i}`, 10_000));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(2500);
    // spread, not bunched: every quarter of the spread holds a good share
    for (let q = 0; q < 4; q++)
      expect(offsets.filter((o) => o >= q * 625 && o < (q + 1) * 625).length).toBeGreaterThan(150);
  });
});
