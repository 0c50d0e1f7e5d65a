import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BODY_CHARS, OUTBOX_AGE_MS, OUTBOX_CHARS, OUTBOX_EVENTS } from './delivery.js';
import type { Batch, CartpulseEvent } from './protocol.js';
import { freshPage, memoryStorage } from './testing.js';

interface Answer {
  status?: number;
  retryAfter?: string;
  fail?: boolean;
}

let answers: Answer[];
let posts: Batch[];
let beacons: Batch[];
let beaconAccepts: boolean;

function event(n: number, extra: Partial<CartpulseEvent> = {}): CartpulseEvent {
  return { type: 'event', name: `e${n}`, id: `id-${n}`, ts: Date.now(), ...extra };
}

const ids = (batches: Batch[]) => batches.map((batch) => batch.events.map((e) => e.id));

/** Every event stored in any outbox. */
const stored = (): CartpulseEvent[] =>
  Object.keys(localStorage).flatMap((key) => JSON.parse(localStorage.getItem(key)!));

/** A page with delivery started; `enqueue` does what `record` does with an event. */
async function page(options = {}) {
  const { delivery } = await freshPage(options);
  delivery.startDelivery();
  return {
    ...delivery,
    enqueue(event: CartpulseEvent) {
      delivery.outbox.push(JSON.parse(JSON.stringify(event)));
      delivery.queued();
    },
  };
}

/** Advances fake time and lets fetch promises settle. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_764_086_400_000 });
  answers = [];
  posts = [];
  beacons = [];
  beaconAccepts = true;
  vi.stubGlobal('localStorage', memoryStorage());
  vi.stubGlobal('navigator', {
    onLine: true,
    sendBeacon: (_url: string, body: string) => {
      if (beaconAccepts) beacons.push(JSON.parse(body));
      return beaconAccepts;
    },
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      posts.push(JSON.parse(init.body as string));
      const answer = answers.shift() ?? { status: 202 };
      if (answer.fail) throw new TypeError('Failed to fetch');
      return new Response('{}', {
        status: answer.status ?? 202,
        headers: answer.retryAfter ? { 'retry-after': answer.retryAfter } : {},
      });
    }),
  );
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('batching', () => {
  it('sends a batch when the flush interval has passed since its first event', async () => {
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(1000);
    delivery.enqueue(event(2));
    await pass(999);
    expect(posts).toHaveLength(0);
    await pass(1);
    expect(ids(posts)).toEqual([['id-1', 'id-2']]);
    expect(posts[0].site).toBe('shop');
    expect(posts[0].sent).toBe(Date.now());
  });

  it('sends at once when batchSize events wait', async () => {
    const delivery = await page();
    for (let n = 1; n <= 10; n++) delivery.enqueue(event(n));
    await pass(0);
    expect(ids(posts)).toEqual([
      ['id-1', 'id-2', 'id-3', 'id-4', 'id-5', 'id-6', 'id-7', 'id-8', 'id-9', 'id-10'],
    ]);
    delivery.enqueue(event(11));
    await pass(2000);
    expect(ids(posts)[1]).toEqual(['id-11']);
  });

  it('honours a configured batch size and interval', async () => {
    const delivery = await page({ batchSize: 3, flushInterval: 500 });
    for (let n = 1; n <= 3; n++) delivery.enqueue(event(n));
    await pass(0);
    expect(ids(posts)).toEqual([['id-1', 'id-2', 'id-3']]);
    delivery.enqueue(event(4));
    await pass(499);
    expect(posts).toHaveLength(1);
    await pass(1);
    expect(ids(posts)).toEqual([['id-1', 'id-2', 'id-3'], ['id-4']]);
  });

  it('keeps one request in flight, and sends what queued meanwhile when it is answered', async () => {
    let answer!: (response: Response) => void;
    vi.mocked(fetch).mockImplementationOnce(async (_url, init) => {
      posts.push(JSON.parse(init!.body as string));
      return new Promise<Response>((resolve) => {
        answer = resolve;
      });
    });
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    delivery.enqueue(event(2));
    await pass(5000);
    expect(ids(posts)).toEqual([['id-1']]);
    answer(new Response('{}', { status: 202 }));
    await pass(0);
    expect(ids(posts)).toEqual([['id-1'], ['id-2']]);
  });

  it('copies events, so that later changes by the page do not reach the queue', async () => {
    const delivery = await page();
    const props = { plan: 'a' };
    delivery.enqueue(event(1, { props }));
    props.plan = 'b';
    await pass(2000);
    expect(posts[0].events[0].props).toEqual({ plan: 'a' });
  });
});

describe('leaving the page', () => {
  it('hands everything to sendBeacon and forgets it', async () => {
    const delivery = await page();
    delivery.enqueue(event(1));
    delivery.send(true);
    expect(ids(beacons)).toEqual([['id-1']]);
    await pass(5000);
    expect(posts).toHaveLength(0);
    expect(stored()).toEqual([]);
  });

  it('splits what waits into beacons under the size limit', async () => {
    const delivery = await page({ batchSize: 1000 });
    for (let n = 1; n <= 12; n++) delivery.enqueue(event(n, { name: 'x'.repeat(4000) }));
    delivery.send(true);
    expect(beacons.length).toBeGreaterThan(2);
    for (const batch of beacons) expect(JSON.stringify(batch).length).toBeLessThan(BODY_CHARS + 200);
    expect(beacons.flatMap((batch) => batch.events.map((e) => e.id))).toEqual(
      Array.from({ length: 12 }, (_, n) => `id-${n + 1}`),
    );
  });

  it('falls back to fetch with keepalive when sendBeacon refuses', async () => {
    beaconAccepts = false;
    const delivery = await page();
    delivery.enqueue(event(1));
    delivery.send(true);
    await pass(0);
    expect(ids(posts)).toEqual([['id-1']]);
    expect(vi.mocked(fetch).mock.calls[0][1]).toMatchObject({ keepalive: true, method: 'POST' });
  });

  it('does not beacon while offline (the browser would accept the beacon, then lose it)', async () => {
    (navigator as { onLine: boolean }).onLine = false;
    answers = [{ fail: true }];
    const delivery = await page();
    delivery.enqueue(event(1));
    delivery.send(true);
    await pass(0);
    expect(beacons).toHaveLength(0);
    expect(ids(posts)).toEqual([['id-1']]);
    expect(stored().map((e) => e.id)).toEqual(['id-1']);
  });

  it('does not beacon while backing off: the events stay stored for the next page', async () => {
    answers = [{ status: 503, retryAfter: '5' }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    expect(posts).toHaveLength(1);
    delivery.enqueue(event(2));
    delivery.send(true);
    expect(beacons).toHaveLength(0);
    expect(stored().map((e) => e.id)).toEqual(['id-1', 'id-2']);
  });
});

describe('retries', () => {
  it('retry a 503 after Retry-After, then stop', async () => {
    answers = [{ status: 503, retryAfter: '5' }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    expect(posts).toHaveLength(1);
    await pass(4999);
    expect(posts).toHaveLength(1);
    await pass(1);
    expect(ids(posts)).toEqual([['id-1'], ['id-1']]);
    await pass(120_000);
    expect(posts).toHaveLength(2);
    expect(stored()).toEqual([]);
  });

  it('stamp each attempt with its own send time and keep event ids', async () => {
    answers = [{ fail: true }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    await pass(1000);
    expect(posts).toHaveLength(2);
    expect(posts[1].sent).toBeGreaterThan(posts[0].sent!);
    expect(posts[1].events).toEqual(posts[0].events);
  });

  it('back off exponentially on network errors, 408, 429 and 5xx', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    answers = [{ fail: true }, { status: 408 }, { status: 429 }, { status: 500 }, { status: 502 }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    // 0.5 s × 2^n × (1 + random): 0.5, 1, 2, 4, 8 s with random() = 0.
    const before = [];
    for (const delay of [500, 1000, 2000, 4000, 8000]) {
      await pass(delay - 1);
      before.push(posts.length);
      await pass(1);
    }
    expect(before).toEqual([1, 2, 3, 4, 5]);
    expect(posts).toHaveLength(6);
    expect(stored()).toEqual([]);
  });

  it('add up to the same delay again at random (jitter)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    answers = [{ fail: true }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    await pass(749);
    expect(posts).toHaveLength(1);
    await pass(1);
    expect(posts).toHaveLength(2);
  });

  it('grow no longer than the cap', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    answers = Array(20).fill({ status: 500 });
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    await pass(200_000);
    const count = posts.length;
    await pass(30_000);
    expect(posts.length).toBe(count + 1);
  });

  it('drop a batch refused with another 4xx, with a warning', async () => {
    answers = [{ status: 400 }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    await pass(60_000);
    expect(posts).toHaveLength(1);
    expect(console.warn).toHaveBeenCalledWith('cartpulse:', 400);
    expect(stored()).toEqual([]);
  });

  it('send what queued up during the backoff with the retry', async () => {
    answers = [{ status: 503, retryAfter: '5' }];
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    delivery.enqueue(event(2));
    await pass(2000);
    expect(posts).toHaveLength(1);
    await pass(60_000);
    expect(ids(posts).slice(1)).toEqual([['id-1', 'id-2']]);
  });
});

describe('the stored outbox', () => {
  it('is sent by the next page, under the same ids', async () => {
    answers = [{ status: 503, retryAfter: '60' }];
    const first = await page();
    first.enqueue(event(1));
    await pass(2000);
    first.send(true); // backing off: stays stored
    const next = await page();
    next.enqueue(event(2));
    await pass(2000);
    expect(ids(posts)).toEqual([['id-1'], ['id-1', 'id-2']]);
    expect(beacons).toHaveLength(0);
  });

  it('belongs to its site', async () => {
    answers = [{ fail: true }];
    const shop = await page();
    shop.enqueue(event(1));
    await pass(2000);
    const otherSite = await page({ site: 'other' });
    otherSite.enqueue(event(2));
    await pass(2000);
    const other = posts.filter((batch) => batch.site == 'other');
    expect(ids(other)).toEqual([['id-2']]);
  });

  it('is bounded by count and age', async () => {
    answers = Array(10).fill({ fail: true });
    const delivery = await page({ batchSize: 1000 });
    delivery.enqueue(event(0, { ts: Date.now() - OUTBOX_AGE_MS - 1 }));
    for (let n = 1; n <= OUTBOX_EVENTS + 5; n++) delivery.enqueue(event(n));
    const events = stored();
    expect(events).toHaveLength(OUTBOX_EVENTS);
    expect(events[0].id).toBe('id-6');
  });

  it('is bounded by size', async () => {
    const delivery = await page({ batchSize: 1000 });
    for (let n = 1; n <= 60; n++) delivery.enqueue(event(n, { name: 'x'.repeat(3000) }));
    expect(JSON.stringify(stored()).length).toBeLessThanOrEqual(OUTBOX_CHARS);
    expect(stored().at(-1)!.id).toBe('id-60');
  });

  it('survives storage that throws (Safari private mode, blocked cookies)', async () => {
    const quota = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const denied = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    // Items are properties too: writing one as a property throws as setItem does.
    vi.stubGlobal(
      'localStorage',
      new Proxy(
        { getItem: denied, setItem: quota, removeItem: denied },
        { set: quota, deleteProperty: denied },
      ),
    );
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    expect(ids(posts)).toEqual([['id-1']]);
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const blocked = await page();
    blocked.enqueue(event(2));
    await pass(2000);
    expect(ids(posts)).toEqual([['id-1'], ['id-2']]);
  });

  it('ignores a corrupted entry', async () => {
    localStorage.setItem('cp.q.shop.old', '{not json');
    const delivery = await page();
    delivery.enqueue(event(1));
    await pass(2000);
    expect(ids(posts)).toEqual([['id-1']]);
  });

  it('is emptied by forget()', async () => {
    const delivery = await page();
    delivery.enqueue(event(1));
    delivery.forget();
    await pass(5000);
    expect(stored()).toEqual([]);
    expect(posts).toEqual([]);
  });
});
