/**
 * Every option of the tracker, in one object. With the script tag each one is a `data-*` attribute of
 * the same name in kebab case (`flushInterval` ↔ `data-flush-interval`); a present attribute without a
 * value means `true`.
 */
import type { CartpulseEvent } from './protocol.js';

/**
 * The options of `init`; only `site` is required.
 * @example
 * const options: Options = { site: 'demo-shop', endpoint: 'https://collector.example/ingest', storage: 'local' };
 */
export interface Options {
  /**
   * Site id, as the collector knows it (1–64 of `A-Z a-z 0-9 . _ : -`).
   * @example 'demo-shop'
   */
  site: string;
  /**
   * Where batches are sent (`POST`).
   * @default '/ingest' with npm (same origin); with the script tag, `ingest` next to the script's URL
   * @example 'https://collector.example/ingest'
   */
  endpoint?: string;
  /**
   * `'local'` keeps a random visitor id and a session id (ended by 30 minutes without events) in
   * localStorage, for shops that have consent. Without it nothing identifying is stored (cookieless).
   * @default undefined
   */
  storage?: 'local';
  /**
   * Count a change of `location.hash` as a new page (hash-routed single-page apps).
   * @default false
   */
  hash?: boolean;
  /**
   * Send nothing when the browser sends Do Not Track. (Global Privacy Control is always honoured.)
   * @default false
   */
  respectDnt?: boolean;
  /**
   * Send from `localhost`, `127.x.x.x`, `[::1]` and `file:` pages too (development, tests).
   * @default false
   */
  allowLocalhost?: boolean;
  /**
   * Send from automated browsers (`navigator.webdriver`: Playwright, Selenium, Puppeteer) too.
   * @default false
   */
  allowAutomation?: boolean;
  /**
   * A batch is sent as soon as this many events wait.
   * @default 10
   */
  batchSize?: number;
  /**
   * A batch is sent at the latest this many ms after its first event.
   * @default 2000
   */
  flushInterval?: number;
  /**
   * Sees every event before it is queued: return it (changed or not) to send it, or `null`/`false` to
   * drop it.
   * @default undefined
   * @example (event) => ({ ...event, url: event.url?.replace(/email=[^&]*&?/, '') })
   */
  beforeSend?: (event: CartpulseEvent) => CartpulseEvent | null | false | undefined;
}

/** The options in use: defaults filled in. */
export type Config = Options & Required<Pick<Options, 'endpoint' | 'batchSize' | 'flushInterval'>>;
