/**
 * Unit-test helpers: a Storage over a Map, and a fresh copy of the tracker's modules (module state is
 * the tracker's state, so every test, and every simulated page, imports its own).
 */
import { vi } from 'vitest';
import type { Config } from './options.js';
import type { Batch } from './protocol.js';

/**
 * A Storage stand-in with the real interface; `Object.keys` and `for in` list its keys, and its items
 * are properties too (`storage[key] = value` is `setItem`, `delete storage[key]` is `removeItem`).
 */
export function memoryStorage(): Storage {
  const data = new Map<string, string>();
  const storage = {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, String(value)),
    removeItem: (key: string) => void data.delete(key),
    clear: () => data.clear(),
    key: (index: number) => [...data.keys()][index] ?? null,
    get length() {
      return data.size;
    },
  };
  return new Proxy(storage, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : data.get(key as string)),
    set: (target, key, value) => {
      if (key in target) Reflect.set(target, key, value);
      else target.setItem(key as string, value);
      return true;
    },
    deleteProperty: (target, key) => {
      target.removeItem(key as string);
      return true;
    },
    ownKeys: () => [...data.keys()],
    getOwnPropertyDescriptor: (_target, key) =>
      data.has(key as string)
        ? { enumerable: true, configurable: true, value: data.get(key as string) }
        : undefined,
  }) as Storage;
}

/** Fresh modules, as on a new page load; `config` filled in as `init` would. */
export async function freshPage(options: Partial<Config> = {}) {
  vi.resetModules();
  const { config } = await import('./config.js');
  Object.assign(
    config,
    { site: 'shop', endpoint: 'https://collector.example/ingest', batchSize: 10, flushInterval: 2000 },
    options,
  );
  return { config, delivery: await import('./delivery.js') };
}

type Listener = (event: Record<string, unknown>) => void;

/**
 * Just enough of a browser for the tracker's unit tests: location and history that agree, window
 * events, document visibility, navigator flags, and a collector that records what reaches it. The
 * real thing is exercised by the Playwright suites in `e2e/`.
 */
export function fakeBrowser(url = 'https://shop.example/') {
  const listeners = new Map<string, Listener[]>();
  const place = new URL(url);
  const location = {
    get href() {
      return place.href;
    },
    get pathname() {
      return place.pathname;
    },
    get search() {
      return place.search;
    },
    get hash() {
      return place.hash;
    },
    get hostname() {
      return place.hostname;
    },
  };
  const go = (to: string) => {
    place.href = new URL(to, place.href).href;
  };
  const history = {
    pushState: (_state: unknown, _unused: string, to?: string) => to && go(to),
    replaceState: (_state: unknown, _unused: string, to?: string) => to && go(to),
  };
  const document = {
    hidden: false,
    title: 'Shop',
    referrer: '',
    currentScript: null as unknown,
    get URL() {
      return place.href;
    },
  };
  const navigator: Record<string, unknown> = {
    onLine: true,
    sendBeacon: (_url: string, body: string) => {
      beacons.push(JSON.parse(body));
      return true;
    },
  };
  const posts: Batch[] = [];
  const beacons: Batch[] = [];
  const window = {
    location,
    history,
    document,
    navigator,
    addEventListener: (type: string, listener: Listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
  };
  vi.stubGlobal('window', window);
  vi.stubGlobal('self', window);
  for (const [name, value] of Object.entries(window)) vi.stubGlobal(name, value);
  vi.stubGlobal('localStorage', memoryStorage());
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      posts.push(JSON.parse(init.body as string));
      return new Response('{}', { status: 202 });
    }),
  );
  return {
    window,
    document,
    navigator,
    posts,
    beacons,
    /** Every event that reached the collector, by fetch or beacon, in order. */
    events: () => [...posts, ...beacons].flatMap((batch) => batch.events),
    /** Runs the listeners of a window event. */
    dispatch(type: string, event: Record<string, unknown> = {}) {
      for (const listener of listeners.get(type) ?? []) listener({ type, ...event });
    },
    /** The URL changes without history (back/forward), as before a popstate. */
    go,
  };
}

/** A fresh tracker on the fake browser, started with `options` (local pages allowed, as in tests). */
export async function startTracker(options: Partial<Config> = {}) {
  vi.resetModules();
  const tracker = await import('./tracker.js');
  tracker.start({
    site: 'shop',
    endpoint: 'https://collector.example/ingest',
    allowLocalhost: true,
    ...options,
  });
  return {
    ...tracker,
    ...(await import('./privacy.js')),
    ...(await import('./record.js')),
    ...(await import('./ecommerce.js')),
    ...(await import('./datalayer.js')),
  };
}
