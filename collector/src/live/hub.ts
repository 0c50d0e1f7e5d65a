/**
 * The fan-out behind `GET /api/stream`: one loop per site that has viewers reads the snapshot and hands
 * the same serialized message to every subscriber, so 200 open dashboards cost what one does. With
 * `edgeMs`, a loop reads only when something changed: the consumer applied events of the site
 * (`changed(site)`, announced over pub/sub) or a window edge moved (every `edgeMs`, spread by site;
 * also the safety net should an announcement be lost); in between, `unchanged` confirmations go out
 * without a read. Without `edgeMs` it reads every tick. Pure apart from the injected `read` and clock:
 * no Redis, no HTTP.
 *
 * Messages:
 * - `snapshot`: the numbers changed (anything but `at` differs from the last one sent). Its `id` is a
 *   hash of the content, the same on every collector, so a client resuming with `Last-Event-ID` that
 *   already has this content gets an `unchanged` instead of the whole snapshot again.
 * - `unchanged`: nothing changed for `confirmMs`; `data` is `{"at": <server time>}`. It tells the page its
 *   numbers are current, so a quiet shop never looks like a stale screen.
 */
import { createHash } from 'node:crypto';

export interface HubMessage {
  event: 'snapshot' | 'unchanged';
  /** Content version (hash of the snapshot without `at`). */
  id: string;
  /** JSON, serialized once per tick for all subscribers. */
  data: string;
}

export type HubListener = (message: HubMessage) => void;

export interface HubClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HubOptions<T extends { at: number }> {
  /** Reads one site's snapshot (one Redis round trip in the collector). */
  read(site: string): Promise<T>;
  /** Time between reads of a site with viewers; also the most often a viewer gets a message. @default 250 */
  tickMs?: number;
  /** Longest silence before an `unchanged` confirmation. @default 5000 */
  confirmMs?: number;
  /** Wait after a failed read (Redis down) before the next one. @default 1000 */
  retryMs?: number;
  /** @default real timers (unref'd, so an idle hub never keeps the process alive) and Date.now */
  clock?: HubClock;
  /** Called when a read fails; the loop keeps going. */
  onError?(site: string, error: unknown): void;
  /**
   * Read only after `changed(site)` or when the time crosses a window edge (every `edgeMs`, spread by
   * site over its first quarter). @default undefined (read every tick)
   */
  edgeMs?: number;
}

export interface Hub {
  /**
   * Starts receiving a site's messages. The current snapshot, when the hub has one, arrives at once
   * (or `unchanged`, when `lastEventId` says the viewer already has it). Returns the unsubscribe function.
   */
  subscribe(site: string, listener: HubListener, lastEventId?: string): () => void;
  /** Number of viewers of a site (all sites without one). */
  viewers(site?: string): number;
  /** The site's numbers may have changed (the consumer applied its events): read it at the next tick. */
  changed(site: string): void;
  /** Stops every loop and drops every subscriber. */
  close(): void;
}

interface SiteLoop {
  listeners: Set<HubListener>;
  /** Subscribers waiting for their first message, with the version they said they have. */
  resuming: Map<HubListener, string>;
  timer: unknown;
  /** The last `snapshot` message sent, handed to each new subscriber. */
  latest: HubMessage | null;
  lastAt: number;
  lastSentAt: number;
  /** When the last read started; the site changed since (`changed`) or was never read. */
  lastReadAt: number;
  dirty: boolean;
  /** This site's share of the edge spread, ms. */
  edgeOffset: number;
}

const realClock: HubClock = {
  now: () => Date.now(),
  setTimeout(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** When after each window edge a site is read: spread by site over the first quarter of the interval. */
export function edgeOffset(site: string, edgeMs: number): number {
  let hash = 0;
  for (let i = 0; i < site.length; i++) hash = (Math.imul(hash, 31) + site.charCodeAt(i)) >>> 0;
  return hash % Math.max(1, Math.floor(edgeMs / 4));
}

/** Content version of a snapshot: everything but `at`. */
export function snapshotVersion<T extends { at: number }>(snapshot: T): string {
  const json = JSON.stringify({ ...snapshot, at: 0 });
  return createHash('sha1').update(json).digest('base64url').slice(0, 16);
}

export function createHub<T extends { at: number }>(options: HubOptions<T>): Hub {
  const {
    read,
    tickMs = 250,
    confirmMs = 5000,
    retryMs = 1000,
    clock = realClock,
    onError,
    edgeMs,
  } = options;

  /**
   * Whether a read could show anything new. Edge reads are spread over the first quarter of the interval
   * after each edge (by site), so a thousand watched sites do not all hit Redis in the same tick.
   */
  const due = (loop: SiteLoop, now: number) => {
    if (edgeMs === undefined || loop.dirty) return true;
    const edge = (t: number) => Math.floor((t - loop.edgeOffset) / edgeMs);
    return edge(now) !== edge(loop.lastReadAt);
  };
  const offsetOf = (site: string) => (edgeMs === undefined ? 0 : edgeOffset(site, edgeMs));
  const loops = new Map<string, SiteLoop>();

  const unchanged = (loop: SiteLoop): HubMessage => ({
    event: 'unchanged',
    id: loop.latest?.id ?? '',
    data: JSON.stringify({ at: loop.lastAt }),
  });

  function broadcast(loop: SiteLoop, message: HubMessage) {
    loop.lastSentAt = clock.now();
    for (const listener of loop.listeners) {
      const has = loop.resuming.get(listener);
      if (has === undefined) listener(message);
      else {
        loop.resuming.delete(listener);
        listener(has === message.id ? unchanged(loop) : message);
      }
    }
  }

  async function tick(site: string, loop: SiteLoop) {
    loop.timer = null;
    if (loops.get(site) !== loop) return;
    const started = clock.now();
    let wait = tickMs;
    if (!due(loop, started)) {
      // nothing changed and no edge passed: the numbers on screen are current, without reading them
      if (loop.latest && started - loop.lastSentAt >= confirmMs) {
        loop.lastAt = started;
        broadcast(loop, unchanged(loop));
      }
      loop.timer = clock.setTimeout(() => void tick(site, loop), tickMs);
      return;
    }
    loop.dirty = false;
    loop.lastReadAt = started;
    try {
      const snapshot = await read(site);
      if (loops.get(site) !== loop) return;
      loop.lastAt = snapshot.at;
      const id = snapshotVersion(snapshot);
      if (id !== loop.latest?.id) {
        loop.latest = { event: 'snapshot', id, data: JSON.stringify(snapshot) };
        broadcast(loop, loop.latest);
      } else if (clock.now() - loop.lastSentAt >= confirmMs) {
        broadcast(loop, unchanged(loop));
      }
    } catch (error) {
      if (loops.get(site) !== loop) return;
      onError?.(site, error);
      loop.dirty = true;
      wait = retryMs;
    }
    // Reads never overlap: the next one is scheduled when this one is done.
    loop.timer = clock.setTimeout(() => void tick(site, loop), Math.max(0, started + wait - clock.now()));
  }

  function stopLoop(site: string, loop: SiteLoop) {
    if (loop.timer !== null) clock.clearTimeout(loop.timer);
    loop.timer = null;
    loops.delete(site);
  }

  return {
    subscribe(site, listener, lastEventId) {
      let loop = loops.get(site);
      if (!loop) {
        loop = {
          listeners: new Set(),
          resuming: new Map(),
          timer: null,
          latest: null,
          lastAt: 0,
          lastSentAt: 0,
          lastReadAt: 0,
          dirty: true,
          edgeOffset: offsetOf(site),
        };
        loops.set(site, loop);
        loop.listeners.add(listener);
        if (lastEventId) loop.resuming.set(listener, lastEventId);
        void tick(site, loop);
      } else {
        loop.listeners.add(listener);
        if (loop.latest) listener(lastEventId === loop.latest.id ? unchanged(loop) : loop.latest);
        else if (lastEventId) loop.resuming.set(listener, lastEventId);
      }
      const subscribed = loop;
      return () => {
        subscribed.listeners.delete(listener);
        subscribed.resuming.delete(listener);
        if (subscribed.listeners.size === 0 && loops.get(site) === subscribed) stopLoop(site, subscribed);
      };
    },
    changed(site) {
      const loop = loops.get(site);
      if (loop) loop.dirty = true;
    },
    viewers(site) {
      if (site !== undefined) return loops.get(site)?.listeners.size ?? 0;
      let total = 0;
      for (const loop of loops.values()) total += loop.listeners.size;
      return total;
    },
    close() {
      for (const [site, loop] of [...loops]) {
        loop.listeners.clear();
        stopLoop(site, loop);
      }
    },
  };
}
