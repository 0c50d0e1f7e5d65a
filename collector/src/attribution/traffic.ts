/**
 * Where a page view came from: source, medium and campaign from the landing URL's utm_* tags and click
 * ids, else from the referrer, else direct; then the GA4 channel of that triple (./channels.ts).
 * Pure, never throws: unreadable URLs count as absent.
 */
import { channelOf } from './channels.js';
import { CLICK_IDS, type ClickId } from './click-ids.js';
import { knownHost, sourceCategory, withoutWww } from './sources.js';
import { clip, NOT_SET } from './values.js';

export interface Traffic {
  /** One of CHANNELS. */
  channel: string;
  /** utm_source (lower case), else the referrer's host without `www.`, else `(direct)`. */
  source: string;
  /** utm_campaign as sent (trimmed), else `(not set)`. */
  campaign: string;
  /**
   * The URL carried utm_* tags or a click id (gclid, gbraid, wbraid, dclid, fbclid, msclkid, ttclid,
   * twclid, li_fat_id, ...): such a page view starts a new attribution.
   */
  tagged: boolean;
}

const clickIds = new Map(Object.entries(CLICK_IDS));

/**
 * @param pageUrl the full page URL with its query (may be undefined or garbage)
 * @param referrer document.referrer (may be '' or undefined). A referrer on the page's own host (with or
 * without `www.`) is internal: no source, so such a page view is Direct unless tagged.
 * @example classifyTraffic('https://shop.example/?utm_source=Newsletter&utm_medium=email', '')
 * // { channel: 'Email', source: 'newsletter', campaign: '(not set)', tagged: true }
 */
export function classifyTraffic(pageUrl: string | undefined, referrer: string | undefined): Traffic {
  const page = parseUrl(pageUrl);
  const tags = readTags(page);
  const from = externalReferrer(parseUrl(referrer), page);
  let source = '(direct)';
  let medium = '(none)';
  let fromReferrer = false;
  const click = tags.click;
  if (click?.wins) {
    ({ source, medium } = click);
  } else if (tags.source !== undefined || tags.medium !== undefined) {
    source = tags.source ?? NOT_SET;
    medium = tags.medium ?? NOT_SET;
  } else if (click && !(click.weak && from)) {
    ({ source, medium } = click);
  } else if (from) {
    source = from.host;
    medium = from.category === 'search' ? 'organic' : 'referral';
    fromReferrer = true;
  }
  source = clip(source);
  const campaign = clip(tags.campaign ?? NOT_SET);
  const category = fromReferrer ? from?.category : sourceCategory(source);
  const channel = channelOf({ source, medium, campaign: campaign.toLowerCase(), category });
  return { channel, source, campaign, tagged: tags.tagged };
}

interface Tags {
  source?: string;
  medium?: string;
  campaign?: string;
  click?: ClickId;
  tagged: boolean;
}

/** Parameter names match in any case; blank values count as absent; the first of a repeated tag wins. */
function readTags(page: URL | undefined): Tags {
  const tags: Tags = { tagged: false };
  if (!page) return tags;
  for (const [rawKey, rawValue] of page.searchParams) {
    const value = rawValue.trim();
    if (value === '') continue;
    const key = rawKey.toLowerCase();
    const click = clickIds.get(key);
    if (click) {
      if (!tags.click || (click.wins && !tags.click.wins)) tags.click = click;
      tags.tagged = true;
    } else if (key.startsWith('utm_')) {
      if (key === 'utm_source') tags.source ??= value.toLowerCase();
      else if (key === 'utm_medium') tags.medium ??= value.toLowerCase();
      else if (key === 'utm_campaign') tags.campaign ??= value;
      tags.tagged = true;
    }
  }
  return tags;
}

const REFERRER_PROTOCOLS = new Set(['http:', 'https:', 'android-app:']);

function externalReferrer(referrer: URL | undefined, page: URL | undefined) {
  if (!referrer || !REFERRER_PROTOCOLS.has(referrer.protocol)) return undefined;
  const host = referrer.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return undefined;
  if (page && withoutWww(page.hostname.toLowerCase()) === withoutWww(host)) return undefined;
  return knownHost(host, referrer.pathname);
}

function parseUrl(text: string | undefined): URL | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
