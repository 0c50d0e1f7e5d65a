import { describe, expect, it } from 'vitest';
import { CHANNELS, channelOf, type Touch } from './channels.js';

const touch = (
  source: string,
  medium: string,
  campaign = '(not set)',
  category?: Touch['category'],
): Touch => ({
  source,
  medium,
  campaign,
  category,
});

describe('channelOf', () => {
  it('names every GA4 default channel', () => {
    const ga4 = [
      'Direct',
      'Organic Search',
      'Paid Search',
      'Organic Social',
      'Paid Social',
      'Email',
      'Referral',
      'Affiliates',
      'Display',
      'Organic Video',
      'Paid Video',
      'Organic Shopping',
      'Paid Shopping',
      'Cross-network',
      'Paid Other',
      'SMS',
      'Audio',
      'Mobile Push Notifications',
      'Unassigned',
    ];
    expect([...CHANNELS].sort()).toEqual(ga4.sort());
  });

  it.each([
    ['(direct) with (none)', touch('(direct)', '(none)'), 'Direct'],
    ['(direct) with (not set)', touch('(direct)', '(not set)'), 'Direct'],
    ['(direct) with a medium', touch('(direct)', 'email'), 'Email'],
    [
      'cross-network beats everything after Direct',
      touch('google', 'cpc', 'x cross-network y', 'search'),
      'Cross-network',
    ],
    ['a shopping site, paid', touch('amazon', 'ppc', '(not set)', 'shopping'), 'Paid Shopping'],
    ['a shopping site, not paid', touch('amazon', 'referral', '(not set)', 'shopping'), 'Organic Shopping'],
    ['retargeting on social', touch('facebook', 'retargeting', '(not set)', 'social'), 'Paid Social'],
    ['paid-anything on search', touch('bing', 'paidsearch', '(not set)', 'search'), 'Paid Search'],
    [
      'cpm is paid: a search source makes it Paid Search',
      touch('google', 'cpm', '(not set)', 'search'),
      'Paid Search',
    ],
    ['cpm with no category', touch('network', 'cpm'), 'Display'],
    ['interstitial', touch('network', 'interstitial'), 'Display'],
    ['paid medium, unknown source', touch('network', 'paid'), 'Paid Other'],
    ['medium with "video"', touch('network', 'online-video'), 'Organic Video'],
    ['social-media medium', touch('network', 'social-media'), 'Organic Social'],
    ['medium app is a referral', touch('network', 'app'), 'Referral'],
    ['email as the source', touch('email', 'newsletter'), 'Email'],
    ['e mail as the medium', touch('news', 'e mail'), 'Email'],
    ['affiliate', touch('awin', 'affiliate'), 'Affiliates'],
    ['audio', touch('spotify', 'audio'), 'Audio'],
    ['sms as the medium', touch('twilio', 'sms'), 'SMS'],
    ['firebase source', touch('firebase', 'notification-x'), 'Mobile Push Notifications'],
    ['medium containing mobile', touch('app', 'mobile'), 'Mobile Push Notifications'],
    ['nothing matches', touch('partner', 'banana'), 'Unassigned'],
  ])('%s', (_what, input, channel) => {
    expect(channelOf(input)).toBe(channel);
  });

  // GA4's regex ^(.*(([^a-df-z]|^)shop|shopping).*)$: "shop" counts at the start, after "e" or a
  // non-letter, and "shopping" counts anywhere.
  it.each([
    ['shop', true],
    ['summer-shop', true],
    ['eshop', true],
    ['black friday shopping', true],
    ['workshop', false],
    ['webshop', false],
    ['(not set)', false],
  ])('the campaign %s is a shopping campaign: %s', (campaign, shopping) => {
    expect(channelOf(touch('partner', 'banana', campaign))).toBe(
      shopping ? 'Organic Shopping' : 'Unassigned',
    );
  });
});
