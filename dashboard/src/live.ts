/**
 * One update model for the page: snapshots arrive over Server-Sent Events; when the stream is lost the
 * page polls `/api/realtime` every `pollMs` and keeps trying to reconnect (backing off up to
 * `maxRetryMs`). Timers and the EventSource are injected, so the state machine is tested without a
 * browser or a server.
 *
 * Status, shown beside "updated N s ago":
 * - `connecting`: first attempt, nothing received yet;
 * - `live`: the stream delivers (a `snapshot` when numbers change, an `unchanged` confirmation otherwise);
 * - `polling`: the stream is lost, numbers come from polling;
 * - `offline`: neither the stream nor polling reaches the collector.
 */
import { type Api, HttpError } from './api.js';
import type { Filter, Snapshot } from './snapshot.js';

export type LiveStatus = 'connecting' | 'live' | 'polling' | 'offline';

/** The part of `EventSource` the page uses. */
export interface StreamSource {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface LiveOptions {
  site: string;
  /** Narrows every snapshot, streamed or polled, to these sessions; a new filter needs a new connection. */
  filter?: Filter | null;
  api: Pick<Api, 'snapshot' | 'streamUrl'>;
  /** @default (url) => new EventSource(url) */
  openStream?: (url: string) => StreamSource;
  /** @default the browser's setTimeout, clearTimeout and Date.now */
  timers?: Timers;
  /** Polling interval while the stream is lost. @default 2000 */
  pollMs?: number;
  /** Silence after which an open stream counts as lost (the server confirms at least every 5 s). @default 20000 */
  staleMs?: number;
  /** First reconnect delay; it doubles after each failure. @default 1000 */
  retryMs?: number;
  /** @default 15000 */
  maxRetryMs?: number;
  /** A new snapshot, with the local time it arrived. */
  onSnapshot(snapshot: Snapshot, receivedAt: number): void;
  /** The numbers on screen were confirmed current at `receivedAt`. */
  onFresh(receivedAt: number): void;
  onStatus(status: LiveStatus): void;
  /** The credential was rejected (401/403): updates stop. */
  onUnauthorized(error: HttpError): void;
  /**
   * The collector refused the filter (400: say, one running with breakdowns switched off): updates stop,
   * since no retry would change the answer. Without this handler the refusal counts as offline.
   */
  onFilterRefused?(error: HttpError): void;
}

export interface LiveConnection {
  stop(): void;
}

/** The browser's clock: the default wherever `Timers` are injected. */
export const browserTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
  now: () => Date.now(),
};

export function startLive(options: LiveOptions): LiveConnection {
  const {
    site,
    filter = null,
    api,
    openStream = (url) => new EventSource(url),
    timers = browserTimers,
    pollMs = 2000,
    staleMs = 20_000,
    retryMs = 1000,
    maxRetryMs = 15_000,
  } = options;

  let stopped = false;
  let status: LiveStatus = 'connecting';
  let source: StreamSource | null = null;
  let lastEventId: string | undefined;
  let backoff = retryMs;
  let watchdog: unknown = null;
  let pollTimer: unknown = null;
  let retryTimer: unknown = null;
  let polling = false;

  const setStatus = (next: LiveStatus) => {
    if (next === status || stopped) return;
    status = next;
    options.onStatus(next);
  };

  const clear = (handle: unknown) => {
    if (handle !== null) timers.clearTimeout(handle);
    return null;
  };

  const refused = (error: unknown): boolean => {
    if (!(error instanceof HttpError)) return false;
    if (error.status === 401 || error.status === 403) {
      stop();
      options.onUnauthorized(error);
      return true;
    }
    if (error.status === 400 && filter && options.onFilterRefused) {
      stop();
      options.onFilterRefused(error);
      return true;
    }
    return false;
  };

  function received(event: MessageEvent) {
    if (stopped) return;
    if (event.lastEventId) lastEventId = event.lastEventId;
    watchdog = clear(watchdog);
    watchdog = timers.setTimeout(lost, staleMs);
    backoff = retryMs;
    polling = false;
    pollTimer = clear(pollTimer);
    setStatus('live');
  }

  async function connect() {
    retryTimer = null;
    let url: string;
    try {
      url = await api.streamUrl(site, lastEventId, filter);
    } catch (error) {
      if (!refused(error)) lost();
      return;
    }
    if (stopped) return;
    const opened = openStream(url);
    source = opened;
    opened.addEventListener('snapshot', (event) => {
      if (source !== opened) return;
      let snapshot: Snapshot;
      try {
        snapshot = JSON.parse(event.data) as Snapshot;
      } catch {
        return;
      }
      received(event);
      options.onSnapshot(snapshot, timers.now());
    });
    opened.addEventListener('unchanged', (event) => {
      if (source !== opened) return;
      received(event);
      options.onFresh(timers.now());
    });
    opened.addEventListener('error', () => {
      if (source === opened) lost();
    });
    watchdog = clear(watchdog);
    watchdog = timers.setTimeout(lost, staleMs);
  }

  /** The stream failed or fell silent: poll meanwhile, reconnect with backoff. */
  function lost() {
    if (stopped) return;
    source?.close();
    source = null;
    watchdog = clear(watchdog);
    if (!polling) {
      polling = true;
      void poll();
    }
    if (retryTimer === null) {
      retryTimer = timers.setTimeout(() => void connect(), backoff);
      backoff = Math.min(backoff * 2, maxRetryMs);
    }
  }

  async function poll() {
    pollTimer = null;
    if (stopped || !polling) return;
    try {
      const snapshot = await api.snapshot(site, filter);
      if (stopped || !polling) return;
      setStatus('polling');
      options.onSnapshot(snapshot, timers.now());
    } catch (error) {
      if (refused(error)) return;
      setStatus('offline');
    }
    if (!stopped && polling) pollTimer = timers.setTimeout(() => void poll(), pollMs);
  }

  function stop() {
    stopped = true;
    source?.close();
    source = null;
    watchdog = clear(watchdog);
    pollTimer = clear(pollTimer);
    retryTimer = clear(retryTimer);
  }

  void connect();
  return { stop };
}
