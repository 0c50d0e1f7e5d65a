/**
 * Getting events to the collector, none lost and none counted twice. Every event waits in one outbox
 * (in memory, mirrored to localStorage under a key of its own per page) until the collector has
 * answered for it: 2xx delivered, another 4xx refused for good. Network errors, 408, 429 and 5xx are
 * retried after a backoff. While the page is hidden or left, batches go by `sendBeacon` and count as
 * delivered once the browser took them. Retries keep event ids, so a retry the collector had in fact
 * accepted counts once. One request is in flight at a time.
 */
import { config, page } from './config.js';
import type { CartpulseEvent } from './protocol.js';
import { storage, store } from './storage.js';
import { warn } from './warn.js';

/** The outbox keeps at most this many events, ... */
export const OUTBOX_EVENTS = 200;
/** ... at most this many characters of JSON, ... */
export const OUTBOX_CHARS = 100_000;
/** ... and nothing older than a day (the collector clamps event times to 24 h anyway). */
export const OUTBOX_AGE_MS = 864e5;
/** Largest request body in characters: even at 3 bytes each it stays under the 64 KiB beacon quota. */
export const BODY_CHARS = 20_000;
/** The first retry waits between this and twice this many ms; each further one twice as long ... */
export const BACKOFF_FIRST_MS = 500;
/** ... up to between this and twice this. Never sooner than the collector's `Retry-After` (seconds). */
export const BACKOFF_MAX_MS = 30_000;

type Timer = ReturnType<typeof setTimeout> | 0;

/** Where this page's outbox is stored: `cp.q.<site>.<page id>`. */
let storageKey: string;
/** The events not yet delivered, oldest first: `record` appends to it, then calls `queued`. */
export let outbox: CartpulseEvent[] = [];
let inFlight: CartpulseEvent[] | 0 | undefined;
let failures = 0;
let batchTimer: Timer | undefined;
let retryTimer: Timer | undefined;

/**
 * Takes `done` (delivered, refused or forgotten) out of the outbox, trims the outbox to its bounds, and
 * mirrors it to storage.
 */
function save(done?: CartpulseEvent[]) {
  outbox = outbox
    .filter((event) => OUTBOX_AGE_MS > Date.now() - event.ts! && !done?.includes(event))
    .slice(-OUTBOX_EVENTS);
  let json: string;
  // (A string has a character at index N when it is longer than N.)
  while ((json = JSON.stringify(outbox))[OUTBOX_CHARS]) outbox.shift();
  store(storageKey, json);
}

const body = (events: CartpulseEvent[]) => JSON.stringify({ site: config.site, sent: Date.now(), events });

function settle(batch: CartpulseEvent[], status?: number, retryAfter?: string | null) {
  inFlight = 0;
  // (`status - 408` is 0, falsy, for 408; with no status, `500 > status` is false already.)
  if (500 > status! && status! - 408 && status! - 429) {
    if (status! > 299) /* @__INLINE__ */ warn(status);
    failures = 0;
    save(batch);
    // What queued up meanwhile goes now, unless its batch timer is still running.
    batchTimer || send();
  } else {
    // A network error (no status), 408, 429 or 5xx: exponential backoff with jitter (a random factor
    // between 1 and 2, so that clients which failed together do not come back together), and never
    // sooner than Retry-After.
    retryTimer ||= setTimeout(
      () => {
        retryTimer = 0;
        send();
      },
      Math.max(
        // (No Retry-After, or an HTTP date instead of seconds, is NaN, and `NaN | 0` is 0.)
        ((retryAfter as unknown as number) * 1000) | 0,
        Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** failures++) * (1 + Math.random()),
      ),
    );
  }
}

/**
 * Sends what waits. With `leaving` (the page is being hidden or left; any truthy value, such as the
 * `pagehide` event) everything goes by `sendBeacon`, even events whose request is still in flight,
 * unless the browser is offline.
 * While backing off nothing goes out, not even by beacon, which cannot report a failure: the outbox
 * stays stored for the retry or the next page.
 */
export function send(leaving?: unknown): void {
  clearTimeout(batchTimer);
  batchTimer = 0;
  if (!retryTimer && (leaving || !inFlight) && outbox[0]) {
    const batch = outbox.slice();
    while (batch[1] && body(batch)[BODY_CHARS]) batch.splice(batch.length / 2);
    // Offline, sendBeacon still says yes, and the beacon is lost: use fetch, which fails and retries.
    if (!leaving || !navigator.onLine || !navigator.sendBeacon(config.endpoint, body(batch))) {
      // keepalive: the request outlives the page. If its answer is lost with the page, the events are
      // still stored, and the next page sends them again under the same ids.
      fetch(config.endpoint, {
        method: 'POST',
        body: body((inFlight = batch)),
        keepalive: true,
      }).then(
        (response) => settle(batch, response.status, response.headers.get('retry-after')),
        () => settle(batch),
      );
    } else {
      // The beacon took it: the rest goes the same way.
      save(batch);
      send(leaving);
    }
  }
}

/**
 * Call after appending to `outbox`: saves it, and sends when `batchSize` events wait or
 * `flushInterval` has passed. (Two steps rather than `enqueue(event)`: without a parameter, the
 * minifier inlines this into its one caller.)
 */
export function queued(): void {
  save();
  if (outbox.length < config.batchSize) batchTimer ||= setTimeout(send, config.flushInterval);
  else send();
}

/** Forgets every undelivered event (opt-out). */
export function forget(): void {
  save(outbox);
}

/**
 * Starts delivery for one site, adopting what earlier pages of the site left undelivered. (A tab still
 * open keeps its own copy: that copy may be sent twice, and is counted once.)
 */
export function startDelivery(): void {
  // The site's prefix first: every key under it is an outbox left by an earlier page.
  storageKey = 'cp.q.' + config.site + '.';
  // (`for in` over Storage lists its keys, and its methods, which no prefix matches; `!indexOf` is
  // "starts with".)
  for (const key in storage())
    if (!key.indexOf(storageKey))
      try {
        outbox.push(...JSON.parse(storage()![key]));
        store(key);
      } catch {}
  storageKey += page;
  save();
}
