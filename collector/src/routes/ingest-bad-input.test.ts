/**
 * Whatever arrives at /ingest: never a 5xx, never a crash, and every event the answer calls rejected
 * is in a dead-letter stream with a reason.
 */
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/event-log.js';
import { BROWSER_UA, postJson, testCartpulse } from '../testing/cartpulse.js';

function fuzzedBody(random: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const values = [
    null,
    true,
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER,
    '',
    'x'.repeat(3000),
    '<img src=x onerror=alert(1)>',
    '\u0000\ud800',
    [],
    {},
    { id: 'a' },
    [{ id: 1 }],
    'EUR',
    'pageview',
    'purchase',
  ];
  const event = () => {
    const e: Record<string, unknown> = {};
    const keys = [
      'type',
      'id',
      'ts',
      'vid',
      'sid',
      'url',
      'ref',
      'title',
      'name',
      'props',
      'items',
      'value',
      'currency',
      'order',
      '__proto__',
      'constructor',
    ];
    for (const key of keys) if (random() < 0.4) e[key] = pick(values);
    if (random() < 0.5) e.type = pick(['pageview', 'event', 'view_item', 'purchase', 'bogus', 7]);
    return e;
  };
  const shape = random();
  let body: unknown;
  if (shape < 0.5)
    body = {
      site: pick(['s1', 's2', '', 42, null, 'a b']),
      sent: pick(values),
      events: Array.from({ length: Math.floor(random() * 6) }, event),
    };
  else if (shape < 0.7) body = { ...event(), site: 's1' };
  else if (shape < 0.8) body = pick(values);
  else body = { site: 's1', events: pick(values) };
  let text = JSON.stringify(body) ?? 'null';
  if (random() < 0.1) text = text.slice(0, Math.floor(random() * text.length)); // truncated
  if (random() < 0.05) text = `${text}\u0000garbage`;
  return text;
}

describe('bad input', async () => {
  // room for every rejected event of the fuzz (the default cap would drop the oldest)
  const cartpulse = await testCartpulse({ dlqMaxLength: 100_000 });
  const redis = new Redis(cartpulse.redisUrl);
  const dlqLength = async () => {
    let total = 0;
    for (const keys of cartpulse.context.partitions) total += await redis.xlen(keys.dlq);
    return total;
  };

  it('answers each malformed request with a clear 4xx', async () => {
    const cases: [string | object, number, string][] = [
      ['{"site":', 400, 'not valid JSON'],
      ['[]', 400, 'expected a JSON object'],
      [{ site: 'a', events: {} }, 400, 'events must be an array'],
      [{ site: 'no spaces', events: [] }, 400, 'site must be'],
      [{ site: 'a', events: Array.from({ length: 501 }, () => ({})) }, 400, 'at most 500'],
      [{ site: 'a', events: [{ type: 'pageview', title: 'x'.repeat(70_000) }] }, 413, 'larger than'],
    ];
    for (const [body, status, message] of cases) {
      const result = await postJson(cartpulse.url, body);
      expect(result.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(result.body.error).toContain(message);
    }
  });

  it('never answers 5xx to 10,000 fuzzed bodies, and keeps every rejected event', async () => {
    const random = seededRandom(2024);
    const before = await dlqLength();
    let rejected = 0;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i += 20) {
      const results = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const response = await fetch(`${cartpulse.url}/ingest`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
            body: fuzzedBody(random),
          });
          const body = (await response.json()) as { rejected?: number; error?: string };
          return { status: response.status, body };
        }),
      );
      for (const { status, body } of results) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status).toBeLessThan(500);
        if (status === 202) rejected += body.rejected ?? 0;
        else expect(body.error).toEqual(expect.any(String));
      }
    }
    expect(statuses.get(202)).toBeGreaterThan(1000);
    expect(statuses.get(400)).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
    expect((await dlqLength()) - before).toBe(rejected);
    expect((await fetch(`${cartpulse.url}/healthz`)).status).toBe(200);
    const [[, fields]] = (await redis.xrevrange(
      cartpulse.context.keysFor('s1').dlq,
      '+',
      '-',
      'COUNT',
      1,
    )) as [string, string[]][];
    expect(fields.slice(0, 4)).toEqual(['stage', 'ingest', 'reason', expect.any(String)]);
    redis.disconnect();
  }, 120_000);
});

describe('input built to break the collector', async () => {
  const cartpulse = await testCartpulse({ dlqRawBytes: 1024 });
  const redis = new Redis(cartpulse.redisUrl);
  const deadLetters = async (site: string) => {
    const entries = (await redis.xrange(cartpulse.context.keysFor(site).dlq, '-', '+')) as [
      string,
      string[],
    ][];
    return entries.map(([, fields]) =>
      Object.fromEntries(fields.flatMap((_, i) => (i % 2 ? [] : [[fields[i], fields[i + 1]]]))),
    );
  };
  const valid = (id: string) => ({ type: 'pageview', id, url: 'https://deep.example/', vid: 'v', sid: 's' });

  it('stores the valid neighbour of an array nested 5,000 deep, dead-letters the array, answers 202', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = `{"site":"deep-shop","events":[${deep},${JSON.stringify(valid('d1'))}]}`;
    const result = await postJson(cartpulse.url, body);
    expect(result.status).toBe(202);
    expect(result.body).toEqual({ accepted: 1, rejected: 1 });
    const [letter] = await deadLetters('deep-shop');
    expect(Buffer.byteLength(letter.raw)).toBeLessThanOrEqual(1024);
    expect(letter.truncated).toBe('true');
    await expect
      .poll(async () => (await cartpulse.context.snapshot('deep-shop')).pageviews, { timeout: 10_000 })
      .toBe(1);
  });

  it('answers an event with thousands of keys, or props nested deep, without a 5xx', async () => {
    const manyKeys = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, i]));
    let nested: unknown = 1;
    for (let i = 0; i < 3000; i++) nested = { a: nested };
    for (const event of [
      { ...valid('m1'), ...manyKeys },
      { ...valid('m2'), props: manyKeys },
      { ...valid('m3'), props: nested },
    ]) {
      const result = await postJson(
        cartpulse.url,
        `{"site":"deep-shop","events":[${JSON.stringify(event)}]}`,
      );
      expect(result.status).toBeLessThan(500);
    }
    const letters = await deadLetters('deep-shop');
    for (const letter of letters) expect(Buffer.byteLength(letter.raw)).toBeLessThanOrEqual(1024);
    redis.disconnect();
  });
});
