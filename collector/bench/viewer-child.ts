/**
 * Live-dashboard viewers, as a child process (so that reading N streams never shares the collector's
 * event loop): one `GET /api/stream?site=<id>` per site, read as a browser's EventSource would, message
 * by message. Reports once every stream has its first snapshot, then counts what arrives until told to
 * stop. Started by viewers.ts; talks to it over the IPC channel.
 */
import { readSse, type SseReader } from '../src/testing/sse.js';
import type { FromViewers, ToViewers, ViewerCounts, ViewerPlan } from './viewers.js';

/** Streams opened at once: the collector's first read of each site is a Redis round trip. */
const OPENING = 50;

// A plan in, `ready`, then counts on `stop`.
if (process.send) {
  const reply = (message: FromViewers) => process.send?.(message);
  const counts: ViewerCounts = { snapshots: 0, unchanged: 0, heartbeats: 0, lost: 0 };
  const readers: SseReader[] = [];
  let stopping = false;

  const watch = async (reader: SseReader) => {
    try {
      for (;;) {
        // a quiet site still gets `unchanged` every 5 s and a heartbeat every 15 s
        const message = await reader.next(60_000);
        if (message.event === 'snapshot') counts.snapshots++;
        else if (message.event === 'unchanged') counts.unchanged++;
        counts.heartbeats += message.comments.length;
      }
    } catch {
      if (!stopping) counts.lost++;
    }
  };

  const open = async ({ url, token, sites }: ViewerPlan, site: string) => {
    const response = await fetch(`${url}/api/stream?site=${encodeURIComponent(site)}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    if (response.status !== 200) throw new Error(`${site}: GET /api/stream answered ${response.status}`);
    const reader = readSse(response);
    readers.push(reader);
    await reader.until((message) => message.event === 'snapshot', 30_000);
    void watch(reader);
  };

  process.on('message', async (message: ToViewers) => {
    if (message === 'mark') {
      Object.assign(counts, { snapshots: 0, unchanged: 0, heartbeats: 0, lost: 0 });
    } else if (message === 'stop') {
      stopping = true;
      const final = { ...counts };
      await Promise.all(readers.map((reader) => reader.close()));
      process.send?.({ counts: final } satisfies FromViewers, () => process.exit(0));
    } else {
      const started = performance.now();
      const { sites } = message.plan;
      try {
        for (let i = 0; i < sites.length; i += OPENING)
          await Promise.all(sites.slice(i, i + OPENING).map((site) => open(message.plan, site)));
        reply({ ready: true, openMs: performance.now() - started });
      } catch (error) {
        reply({ failed: (error as Error).message });
      }
    }
  });
}
