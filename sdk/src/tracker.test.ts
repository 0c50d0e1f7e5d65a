import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, memoryStorage, startTracker } from './testing.js';

let browser: ReturnType<typeof fakeBrowser>;

async function delivered() {
  await vi.advanceTimersByTimeAsync(5000);
  return browser.events();
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_764_086_400_000 });
  browser = fakeBrowser('https://shop.example/');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('events', () => {
  it('carry a unique id, the time, and no identity by default', async () => {
    const tracker = await startTracker();
    tracker.track('Signup', { plan: 'pro', seats: 3, trial: true });
    tracker.track('Signup');
    const events = await delivered();
    expect(events.map((event) => event.type)).toEqual(['event', 'event', 'pageview']);
    expect(events[0]).toMatchObject({ name: 'Signup', props: { plan: 'pro', seats: 3, trial: true } });
    expect(events[0].ts).toBe(1_764_086_400_000);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    for (const event of events) {
      expect(event.id!.length).toBeLessThanOrEqual(64);
      expect(event).not.toHaveProperty('vid');
      expect(event).not.toHaveProperty('sid');
    }
    expect(Object.keys(localStorage).filter((key) => !key.startsWith('cp.q.'))).toEqual([]);
  });

  it('are nothing before init, and nothing twice after a second init', async () => {
    vi.resetModules();
    const early = await import('./tracker.js');
    const { track } = await import('./record.js');
    track('Too early');
    early.start({ site: 'shop', endpoint: 'https://collector.example/ingest', allowLocalhost: true });
    early.start({ site: 'shop', endpoint: 'https://collector.example/ingest', allowLocalhost: true });
    expect((await delivered()).map((event) => event.type)).toEqual(['pageview']);
  });

  it('pass through beforeSend, which can redact or drop them', async () => {
    const tracker = await startTracker({
      beforeSend: (event) =>
        event.name == 'Secret' ? null : { ...event, url: event.url?.replace(/email=[^&]*/, 'email=') },
    });
    await vi.advanceTimersByTimeAsync(0);
    history.pushState(null, '', '/account?email=a@b.example&tab=1');
    tracker.track('Secret');
    tracker.track('Public');
    const events = await delivered();
    expect(events.map((event) => event.name ?? event.url)).toEqual([
      'https://shop.example/',
      'https://shop.example/account?email=&tab=1',
      'Public',
    ]);
  });

  it('take options queued by a later init, such as a beforeSend hook, before the first page view', async () => {
    const tracker = await startTracker();
    tracker.start({ site: 'shop', beforeSend: (event) => ({ ...event, props: { via: 'hook' } }) });
    const [pageview] = await delivered();
    expect(pageview).toMatchObject({ type: 'pageview', props: { via: 'hook' } });
  });

  it('that are not JSON (a circular object) are refused with a warning, and tracking goes on', async () => {
    const tracker = await startTracker();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => tracker.track('Circular', circular as never)).not.toThrow();
    tracker.track('Fine');
    expect((await delivered()).map((event) => event.name ?? event.type)).toEqual(['Fine', 'pageview']);
    expect(console.warn).toHaveBeenCalledWith('cartpulse:', expect.any(TypeError));
  });

  it('survive a beforeSend hook that throws, with a warning', async () => {
    const tracker = await startTracker({
      beforeSend: () => {
        throw new Error('hook failed');
      },
    });
    expect(() => tracker.track('Anything')).not.toThrow();
    expect(console.warn).toHaveBeenCalledWith('cartpulse:', expect.any(Error));
  });
});

describe('privacy', () => {
  it('sends nothing after optOut(), in this page or the next, until optIn()', async () => {
    let tracker = await startTracker();
    tracker.track('Before');
    tracker.optOut();
    tracker.track('After');
    expect(await delivered()).toEqual([]);
    tracker = await startTracker();
    tracker.track('Next page');
    expect(await delivered()).toEqual([]);
    tracker.optIn();
    tracker.track('Back in');
    expect((await delivered()).map((event) => event.name)).toEqual(['Back in']);
  });

  it('optOut() holds for the page where localStorage throws, and drops what waits', async () => {
    // Blocked storage, where merely reading `localStorage` throws; and Safari's old private mode, where
    // it reads but every write throws.
    const blocked = () =>
      Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        get: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    const readOnly = () => {
      const storage = memoryStorage();
      storage.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      vi.stubGlobal('localStorage', storage);
    };
    for (const storage of [blocked, readOnly]) {
      vi.unstubAllGlobals();
      browser = fakeBrowser('https://shop.example/');
      storage();
      const tracker = await startTracker();
      tracker.track('Waiting');
      tracker.optOut();
      tracker.track('Opted out');
      history.pushState(null, '', `/private-${storage.name}`);
      tracker.flush();
      browser.dispatch('pagehide');
      expect(await delivered(), storage.name).toEqual([]);
      tracker.optIn();
      tracker.track('Back in');
      expect((await delivered()).map((event) => event.name)).toEqual(['Back in']);
    }
  });

  it('optOut() drops a batch that waits for a retry', async () => {
    const tracker = await startTracker();
    vi.mocked(fetch).mockResolvedValueOnce(new Response('', { status: 503 }));
    tracker.track('Failed once');
    tracker.flush();
    await vi.advanceTimersByTimeAsync(0);
    tracker.optOut();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('honours Global Privacy Control', async () => {
    browser.navigator.globalPrivacyControl = true;
    const tracker = await startTracker();
    tracker.track('Anything');
    expect(await delivered()).toEqual([]);
  });

  it('honours Do Not Track when asked to', async () => {
    browser.navigator.doNotTrack = '1';
    let tracker = await startTracker();
    tracker.track('Ignored DNT');
    expect((await delivered()).length).toBe(2);
    browser.posts.length = 0;
    tracker = await startTracker({ respectDnt: true });
    tracker.track('Respected DNT');
    expect(await delivered()).toEqual([]);
  });

  it('sends nothing from localhost unless allowLocalhost', async () => {
    for (const url of [
      'http://localhost:3000/',
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'file:///shop.html',
    ]) {
      vi.unstubAllGlobals();
      browser = fakeBrowser(url);
      await startTracker({ allowLocalhost: false });
      expect(await delivered()).toEqual([]);
      await startTracker({ allowLocalhost: true });
      expect((await delivered()).length).toBe(1);
    }
  });

  it('sends nothing from an automated browser unless allowAutomation', async () => {
    browser.navigator.webdriver = true;
    await startTracker();
    expect(await delivered()).toEqual([]);
    await startTracker({ allowAutomation: true });
    expect((await delivered()).length).toBe(1);
  });
});

describe("storage: 'local'", () => {
  it('keeps a visitor id, and a session id until 30 minutes pass without events', async () => {
    let tracker = await startTracker({ storage: 'local' });
    tracker.track('One');
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    tracker = await startTracker({ storage: 'local' });
    await vi.advanceTimersByTimeAsync(31 * 60_000);
    tracker.track('Later');
    const events = await delivered();
    const [first, , second, later] = events;
    expect(first.vid).toMatch(/^[a-z0-9]+$/);
    expect(events.every((event) => event.vid == first.vid)).toBe(true);
    expect(second.sid).toBe(first.sid);
    expect(later.sid).not.toBe(first.sid);
  });
});
