/**
 * `node --expose-gc --import tsx collector/src/attribution/bench.ts`: start-up cost and calls per
 * second of the three lookups, each beside a baseline measured in the same run. Not a test: it prints.
 */
import { isIP } from 'node:net';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function perSecond(calls: number, run: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(calls, 10_000); i++) run(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < calls; i++) run(i);
  return Math.round(calls / ((performance.now() - start) / 1000));
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

gc();
const rssBefore = rssMb();
const loadStart = performance.now();
const { countryOf } = await import('./country.js');
const loadMs = performance.now() - loadStart;
gc();
const rssAdded = rssMb() - rssBefore;
const { loadCountryRanges } = await import('./country-db.js');
const held =
  Object.values(loadCountryRanges()).reduce((sum, part) => sum + (part.byteLength ?? 0), 0) / 2 ** 20;
const { classifyTraffic } = await import('./traffic.js');
const { deviceOf } = await import('./device.js');
const Bowser = (await import('bowser')).default;

// Addresses spread over the whole space (a multiplicative hash of the index).
const spread = (i: number) => (i * 2654435761) >>> 0;
const v4 = Array.from({ length: 65_536 }, (_, i) => {
  const a = spread(i);
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
});
const v6 = Array.from({ length: 65_536 }, (_, i) => {
  const a = spread(i);
  return `2${(a & 0xfff).toString(16).padStart(3, '0')}:${(a >>> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
});
const pages = [
  'https://shop.example/products/hat?utm_source=newsletter&utm_medium=email&utm_campaign=Spring',
  'https://shop.example/products/hat?gclid=Cj0KCQiA',
  'https://shop.example/',
  'https://shop.example/collections/all?page=2',
];
const referrers = [
  'https://www.google.com/',
  'https://l.instagram.com/',
  '',
  'https://blog.somebody.net/post',
];
const uas = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
];

const rows: Array<[string, number, string, number]> = [
  [
    'countryOf, IPv4',
    perSecond(2_000_000, (i) => countryOf(v4[i & 0xffff])),
    'node:net isIP, same addresses',
    perSecond(2_000_000, (i) => isIP(v4[i & 0xffff])),
  ],
  [
    'countryOf, IPv6',
    perSecond(2_000_000, (i) => countryOf(v6[i & 0xffff])),
    'node:net isIP, same addresses',
    perSecond(2_000_000, (i) => isIP(v6[i & 0xffff])),
  ],
  [
    'classifyTraffic',
    perSecond(300_000, (i) => classifyTraffic(pages[i & 3], referrers[(i >> 2) & 3])),
    'new URL(page) + new URL(referrer)',
    perSecond(300_000, (i) => [
      new URL(pages[i & 3]),
      referrers[(i >> 2) & 3] && new URL(referrers[(i >> 2) & 3]),
    ]),
  ],
  [
    'deviceOf, UAs seen before',
    perSecond(1_000_000, (i) => deviceOf(uas[i % 3])),
    'Bowser.parse, same UAs',
    perSecond(50_000, (i) => Bowser.parse(uas[i % 3])),
  ],
];

console.log(
  `country database: loaded in ${loadMs.toFixed(0)} ms, ${held.toFixed(1)} MB of ranges, RSS +${rssAdded.toFixed(1)} MB`,
);
for (const [name, rate, baseline, baseRate] of rows) {
  console.log(
    `${name.padEnd(28)} ${rate.toLocaleString('en').padStart(11)}/s   ${baseline}: ${baseRate.toLocaleString('en')}/s`,
  );
}
