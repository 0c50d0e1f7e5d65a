/**
 * Device class, browser and OS of a User-Agent, with bowser (MIT). One parse costs about 10 µs and a
 * shop's visitors send few distinct UAs, so results are kept in a small LRU map.
 */
import Bowser from 'bowser';
import { clip, NOT_SET } from './values.js';

export interface Device {
  device: 'desktop' | 'mobile' | 'tablet';
  browser: string;
  os: string;
}

/** Distinct UAs remembered. */
export const DEVICE_CACHE_SIZE = 2_000;
/** Longer UAs are cut before parsing, so that no client can make the cache large. */
const UA_LIMIT = 1_000;

// bowser's names that read oddly in a breakdown, and the ones GA4 uses instead.
const BROWSER_NAMES: Record<string, string> = {
  'Microsoft Edge': 'Edge',
  'Samsung Internet for Android': 'Samsung Internet',
};
const OS_NAMES: Record<string, string> = { 'Chrome OS': 'ChromeOS' };

const cache = new Map<string, Device>();

/**
 * From a User-Agent string; `(not set)` for what it does not tell. iPads that ask for desktop sites send
 * a macOS UA and count as desktop; Android without "Mobile" is a tablet; TVs, consoles, bots and empty
 * UAs count as desktop.
 * @example deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) … Version/18.1 Mobile/15E148 Safari/604.1')
 * // { device: 'mobile', browser: 'Safari', os: 'iOS' }
 */
export function deviceOf(userAgent: string | undefined): Device {
  const ua = typeof userAgent === 'string' ? userAgent.slice(0, UA_LIMIT).trim() : '';
  const cached = cache.get(ua);
  if (cached) {
    cache.delete(ua); // most recently used goes last
    cache.set(ua, cached);
    return cached;
  }
  const device = parse(ua);
  if (cache.size >= DEVICE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(ua, device);
  return device;
}

function parse(ua: string): Device {
  if (ua === '') return { device: 'desktop', browser: NOT_SET, os: NOT_SET };
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(ua);
  } catch {
    return { device: 'desktop', browser: NOT_SET, os: NOT_SET };
  }
  const os = named(parsed.os.name, OS_NAMES);
  const type = parsed.platform.type;
  const tablet = type === 'tablet' || (os === 'Android' && type !== 'tv' && !ua.includes('Mobile'));
  return {
    device: tablet ? 'tablet' : type === 'mobile' ? 'mobile' : 'desktop',
    browser: named(parsed.browser.name, BROWSER_NAMES),
    os,
  };
}

function named(name: string | undefined, renames: Record<string, string>): string {
  if (!name) return NOT_SET;
  return clip(Object.hasOwn(renames, name) ? renames[name] : name);
}
