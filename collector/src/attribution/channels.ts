/**
 * GA4's default channel group: Google's published rules over source, medium, campaign name and the
 * source's category, tried in Google's order, first match wins. Values arrive lower case (GA4 matches
 * without regard to case). Google Ads traffic that GA4 classifies by the linked Ads account's network
 * type reaches this table as source `google`, medium `cpc` (see ./click-ids.ts).
 */
import type { SourceCategory } from './sources.js';

/** Every channel, in the order the rules are tried. */
export const CHANNELS = [
  'Direct',
  'Cross-network',
  'Paid Shopping',
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Paid Other',
  'Organic Shopping',
  'Organic Social',
  'Organic Video',
  'Organic Search',
  'Referral',
  'Email',
  'Affiliates',
  'Audio',
  'SMS',
  'Mobile Push Notifications',
  'Unassigned',
] as const;

export type Channel = (typeof CHANNELS)[number];

export interface Touch {
  source: string;
  medium: string;
  campaign: string;
  category: SourceCategory | undefined;
}

const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const DISPLAY_MEDIUMS = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const SOCIAL_MEDIUMS = new Set([
  'social',
  'social-network',
  'social-media',
  'sm',
  'social network',
  'social media',
]);
const REFERRAL_MEDIUMS = new Set(['referral', 'app', 'link']);
const EMAIL = new Set(['email', 'e-mail', 'e_mail', 'e mail']);

export function channelOf({ source, medium, campaign, category }: Touch): Channel {
  if (source === '(direct)' && (medium === '(none)' || medium === '(not set)')) return 'Direct';
  if (campaign.includes('cross-network')) return 'Cross-network';
  const paid = PAID_MEDIUM.test(medium);
  const shopping = category === 'shopping' || SHOPPING_CAMPAIGN.test(campaign);
  if (paid && shopping) return 'Paid Shopping';
  if (paid && category === 'search') return 'Paid Search';
  if (paid && category === 'social') return 'Paid Social';
  if (paid && category === 'video') return 'Paid Video';
  if (DISPLAY_MEDIUMS.has(medium)) return 'Display';
  if (paid) return 'Paid Other';
  if (shopping) return 'Organic Shopping';
  if (category === 'social' || SOCIAL_MEDIUMS.has(medium)) return 'Organic Social';
  if (category === 'video' || medium.includes('video')) return 'Organic Video';
  if (category === 'search' || medium === 'organic') return 'Organic Search';
  if (REFERRAL_MEDIUMS.has(medium)) return 'Referral';
  if (EMAIL.has(source) || EMAIL.has(medium)) return 'Email';
  if (medium === 'affiliate') return 'Affiliates';
  if (medium === 'audio') return 'Audio';
  if (source === 'sms' || medium === 'sms') return 'SMS';
  if (
    medium.endsWith('push') ||
    medium.includes('mobile') ||
    medium.includes('notification') ||
    source === 'firebase'
  )
    return 'Mobile Push Notifications';
  return 'Unassigned';
}
