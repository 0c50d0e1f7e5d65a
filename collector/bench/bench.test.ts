import { describe, expect, it } from 'vitest';
import { partitionOf } from '../src/keys.js';
import { normalizeBatch, parseBody } from '../src/protocol/normalize.js';
import { trafficOf } from '../src/protocol/enrich.js';
import { clientFor, cookielessVisitor, ingestBody, storedBatch } from './bodies.js';
import { dayTraffic, pageId } from './day-traffic.js';
import { dayParts, keyKind } from './key-kinds.js';
import { answerLength, postHead, statusOf } from './raw-http.js';
import { benchOptions, parseBenchArgs } from './options.js';
import { nthBatch, shopShapes, siteIds } from './shops.js';
import { percentile, perSecond, ratio } from './stats.js';
import {
  formatBytes,
  formatCore,
  formatCount,
  formatMicros,
  formatMs,
  formatShare,
  formatTable,
  formatTimes,
} from './table.js';

// The bench's pure helpers only: no servers, no timing.
describe('stats', () => {
  it('takes percentiles by nearest rank', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 99)).toBe(4);
    expect(percentile([7], 0)).toBe(7);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('computes rates and ratios without dividing by zero', () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(5, 0)).toBe(0);
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNaN();
  });
});

describe('formatting', () => {
  it('formats counts, times, bytes and ratios', () => {
    expect(formatCount(8)).toBe('8');
    expect(formatCount(1000)).toBe('1k');
    expect(formatCount(1234)).toBe('1.23k');
    expect(formatCount(20_000)).toBe('20k');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(2.345)).toBe('2.35');
    expect(formatMs(0.214)).toBe('0.21 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(123.4)).toBe('123 ms');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
    expect(formatShare(0.624)).toBe('62%');
    expect(formatShare(Number.NaN)).toBe('');
    expect(formatTimes(3.14)).toBe('3.1×');
    expect(formatTimes(14.2)).toBe('14×');
    expect(formatTimes(0.784)).toBe('0.78×');
    expect(formatTimes(0.9)).toBe('0.9×');
    expect(formatMicros(0.421)).toBe('0.42 µs');
    expect(formatMicros(3.14)).toBe('3.1 µs');
    expect(formatMicros(12.4)).toBe('12 µs');
    expect(formatMicros(Number.NaN)).toBe('–');
    expect(formatCore(0.041)).toBe('4.1% of a core');
    expect(formatCore(0.354)).toBe('35% of a core');
  });

  it('prints an aligned table with the aims spelled out', () => {
    const table = formatTable([
      {
        section: '1 ingest',
        figure: 'collector',
        value: '10k events/s',
        baseline: 'bare 12k',
        ratio: '83%',
        aim: { text: '≥ 60%', met: true },
      },
      {
        section: '6 snapshot',
        figure: 'read',
        value: 'p99 7 ms',
        baseline: 'PING',
        ratio: '',
        aim: { text: 'p99 < 5 ms', met: false },
      },
      { section: '5 memory', figure: 'after', value: '1 MiB', baseline: '', ratio: '' },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^section\s+figure\s+value\s+baseline \(same run\)\s+ratio\s+aim$/);
    expect(lines[1]).toMatch(/^-+( +-+){5}$/);
    expect(lines[2]).toContain('≥ 60% met');
    expect(lines[3]).toContain('p99 < 5 ms NOT met');
    expect(lines[4].endsWith('1 MiB')).toBe(true);
    const column = lines[0].indexOf('value');
    expect(lines.slice(2).map((line) => line.slice(column, column + 3))).toEqual(['10k', 'p99', '1 M']);
  });
});

describe('options', () => {
  it('shrinks every size in quick mode', () => {
    const full = benchOptions(false);
    const quick = parseBenchArgs(['--quick']);
    expect(quick.quick).toBe(true);
    expect(full.consumerEvents).toBe(1_000_000);
    expect(full.memoryEvents).toBe(1_000_000);
    expect(full.snapshotVisitors).toBe(100_000);
    for (const key of [
      'ingestSeconds',
      'consumerEvents',
      'endToEndSeconds',
      'fsyncRounds',
      'fsyncSeconds',
      'memoryEvents',
      'snapshotEvents',
      'viewers',
      'viewerSeconds',
      'viewerRounds',
      'clusterSeconds',
      'clusterRounds',
      'dayEvents',
      'dayVisitors',
    ] as const)
      expect(quick[key]).toBeLessThan(full[key]);
    expect(full.viewers).toBe(1_000);
    expect(quick.viewers).toBe(100);
    expect(full.viewerSeconds).toBe(10);
    expect(full.dayEvents).toBe(1_000_000);
    expect(full.dayVisitors).toBe(100_000);
  });

  it('picks sections and refuses what it does not know', () => {
    expect(parseBenchArgs(['--only', '1,3']).sections).toEqual([1, 3]);
    expect(parseBenchArgs(['--only=6', '--quick']).sections).toEqual([6]);
    expect(parseBenchArgs(['--only', '8,9']).sections).toEqual([8, 9]);
    expect(parseBenchArgs(['--only', '11']).sections).toEqual([11]);
    expect(parseBenchArgs([]).sections).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(() => parseBenchArgs(['--only', '12'])).toThrow(/1-11/);
    expect(() => parseBenchArgs(['--only', '0'])).toThrow(/1-11/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument/);
  });
});

describe('bodies and shops', () => {
  const shape = { site: 'bench-shop', events: 50, identified: true, visitors: 10, tag: 't' };

  it('builds bodies the collector accepts in full, and stores them as ingest would', () => {
    const now = 1_764_086_400_000;
    for (const identified of [true, false]) {
      const parsed = parseBody(JSON.parse(ingestBody({ ...shape, identified }, 3, now)));
      if (!parsed.ok) throw new Error(parsed.error);
      const visitor = cookielessVisitor({ ...shape, identified }, 3);
      const { accepted, rejected } = normalizeBatch(parsed.batch, now, () => visitor, trafficOf);
      expect(rejected).toEqual([]);
      expect(storedBatch({ ...shape, identified }, 3, now)).toEqual({
        site: 'bench-shop',
        events: accepted,
        client: clientFor({ ...shape, identified }, 3),
      });
      expect(new Set(accepted.map((event) => event.type)).size).toBe(6);
    }
  });

  it('spreads sites over every partition', () => {
    const sites = siteIds(16, 8);
    expect(new Set(sites).size).toBe(16);
    const perPartition = new Map<number, number>();
    for (const site of sites)
      perPartition.set(partitionOf(site, 8), (perPartition.get(partitionOf(site, 8)) ?? 0) + 1);
    expect([...perPartition.values()]).toEqual(Array(8).fill(2));
  });

  it('gives every batch of a mixed load its own event ids', () => {
    const shapes = shopShapes(siteIds(4, 8), 5, 30, 'x');
    expect(shapes.filter((s) => !s.identified)).toHaveLength(4);
    const ids = new Set<string>();
    for (let n = 0; n < 300; n++) {
      const { shape: s, seq } = nthBatch(shapes, n);
      for (const event of storedBatch(s, seq, 0).events) ids.add(`${s.site}|${event.id}`);
    }
    expect(ids.size).toBe(300 * 5);
  });

  it('names key kinds by what follows the partition prefix', () => {
    expect(keyKind('cp:{p3}:b:pages:shop-1:176408640')).toBe('b:pages');
    expect(keyKind('cp:{p3}:seen:1960')).toBe('seen');
    expect(keyKind('cp:{p0}:sess:shop-1:a:xyz')).toBe('sess');
    expect(keyKind('cp:salt:2026-01-01')).toBe('salt');
    expect(keyKind('cp:{p7}:events')).toBe('events');
    expect(keyKind('cp:{p3}:day:shop-1:2026-03-29')).toBe('day');
    expect(keyKind('cp:{p3}:dmin:shop-1:2026-03-29:14')).toBe('dmin');
    expect(keyKind('cp:{p3}:dvis:shop-1:2026-03-29')).toBe('dvis');
    expect(keyKind('cp:{p3}:dses:shop-1:2026-03-29')).toBe('dses');
    expect(keyKind('cp:{p3}:dbuy:shop-1:2026-03-29')).toBe('dbuy');
  });

  it("sums a day's key kinds into its parts", () => {
    const parts = dayParts([
      { kind: 'seen', keys: 28, bytes: 70 },
      { kind: 'vis', keys: 9, bytes: 9 },
      { kind: 'dvis', keys: 2, bytes: 30 },
      { kind: 'day', keys: 2, bytes: 2 },
      { kind: 'dmin', keys: 48, bytes: 4 },
      { kind: 'dses', keys: 2, bytes: 40 },
      { kind: 'b:pages', keys: 60, bytes: 12 },
    ]);
    expect(parts.map((p) => [p.kind, p.keys, p.bytes])).toEqual([
      ['day rollups', 50, 6],
      ['first times of the day', 4, 70],
      ['event ids for de-duplication', 28, 70],
      ['everything else', 69, 21],
    ]);
    expect(parts[1].of.map((k) => k.kind)).toEqual(['dses', 'dvis']);
  });

  it("writes a shop's day: every event once, in the last 24 hours, ids as the SDK makes them", () => {
    const now = 1_764_086_400_000;
    const day = dayTraffic({ site: 'shop-day', events: 20_000, visitors: 2_000, now, batchEvents: 20 });
    const ids = new Set<string>();
    const visitors = new Map<string, Set<string>>();
    const orders = new Set<string>();
    let pageviews = 0;
    let previous = 0;
    let late = 0;
    let [earliest, latest, longest] = [Infinity, 0, 0];
    const malformed: string[] = [];
    for (const batch of day.batches()) {
      longest = Math.max(longest, batch.events.length);
      if (!batch.client?.device) malformed.push('a batch without a client');
      for (const event of batch.events) {
        ids.add(event.id);
        earliest = Math.min(earliest, event.t);
        latest = Math.max(latest, event.t);
        if (!/^[0-9a-z]{11}-\d+$/.test(event.id) || !/^[0-9a-z]{11}$/.test(event.vid))
          malformed.push(event.id);
        if (!visitors.has(event.vid)) visitors.set(event.vid, new Set());
        visitors.get(event.vid)?.add(event.sid ?? '');
        if (event.type === 'pageview') pageviews++;
        if (event.type === 'purchase') orders.add(event.order ?? '');
      }
      const last = batch.events[batch.events.length - 1].t;
      if (last < previous) late++;
      previous = last;
    }
    expect(malformed).toEqual([]);
    expect(longest).toBe(20);
    expect(earliest).toBeGreaterThan(now - 24 * 3_600_000);
    expect(latest).toBeLessThanOrEqual(now - 5000);
    expect(latest).toBeGreaterThan(now - 10 * 60_000);
    expect(ids.size).toBe(20_000);
    expect(visitors.size).toBe(2_000);
    expect([...visitors.values()].reduce((n, sessions) => n + sessions.size, 0)).toBe(day.sessions);
    expect(pageviews).toBe(day.pageviews);
    expect(pageviews / 20_000).toBeGreaterThan(0.6);
    expect(orders.size).toBe(400);
    expect(late).toBeLessThanOrEqual(12); // the entries still open at the end
    expect(pageId(7)).toHaveLength(11);
    expect(pageId(7)).not.toBe(pageId(8));
  });
});

describe("the load driver's HTTP parsing", () => {
  const answer = (text: string) => Buffer.from(text, 'latin1');

  it('finds where an answer ends, by Content-Length or chunked framing', () => {
    const json = 'HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n';
    const body = '{"accepted":1,"rejected":0}';
    expect(answerLength(answer(json + body))).toBe(json.length + body.length);
    expect(answerLength(answer(json + body.slice(0, 10)))).toBe(-1);
    expect(answerLength(answer(json.slice(0, 20)))).toBe(-1);
    expect(statusOf(answer(json))).toBe(202);
    const chunked = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n';
    expect(answerLength(answer(`${chunked}5\r\nhello\r\n`))).toBe(-1);
    expect(answerLength(answer(`${chunked}5\r\nhello\r\n0\r\n\r\nHTTP/1.1`))).toBe(chunked.length + 15);
    expect(answerLength(answer(`${chunked}0\r\n\r\n`))).toBe(chunked.length + 5);
    const empty = 'HTTP/1.1 204 No Content\r\n\r\n';
    expect(answerLength(answer(`${empty}HTTP/1.1`))).toBe(empty.length);
  });

  it('writes a POST as the SDK sends it', () => {
    const head = postHead(new URL('http://127.0.0.1:8787/ingest'), 'é', 'Mozilla/5.0');
    expect(head).toBe(
      'POST /ingest HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nConnection: keep-alive\r\n' +
        'Content-Type: text/plain;charset=UTF-8\r\nUser-Agent: Mozilla/5.0\r\nContent-Length: 2\r\n\r\n',
    );
  });
});
