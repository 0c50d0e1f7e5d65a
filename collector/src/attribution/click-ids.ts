/**
 * Click ids that ad platforms append to landing-page URLs, and the source and medium each stands for.
 * Google's own ids win over utm_* tags, as GA4's auto-tagging does; the others only fill in when the
 * URL carries no utm_source or utm_medium.
 */

export interface ClickId {
  source: string;
  medium: string;
  /** Beats utm_source and utm_medium. */
  wins: boolean;
  /** Facebook adds fbclid to organic links as well: it names the source only when no referrer does. */
  weak?: true;
}

const GOOGLE_ADS: ClickId = { source: 'google', medium: 'cpc', wins: true };

export const CLICK_IDS: Readonly<Record<string, ClickId>> = {
  gclid: GOOGLE_ADS,
  gbraid: GOOGLE_ADS,
  wbraid: GOOGLE_ADS,
  // Campaign Manager 360 / Display & Video 360: GA4 files them under Display.
  dclid: { source: 'dv360', medium: 'cpm', wins: true },
  msclkid: { source: 'bing', medium: 'cpc', wins: false },
  yclid: { source: 'yandex', medium: 'cpc', wins: false },
  ttclid: { source: 'tiktok', medium: 'cpc', wins: false },
  twclid: { source: 'twitter', medium: 'cpc', wins: false },
  li_fat_id: { source: 'linkedin', medium: 'cpc', wins: false },
  epik: { source: 'pinterest', medium: 'cpc', wins: false },
  sccid: { source: 'snapchat', medium: 'cpc', wins: false },
  rdt_cid: { source: 'reddit', medium: 'cpc', wins: false },
  fbclid: { source: 'facebook.com', medium: 'referral', wins: false, weak: true },
};
