import { describe, expect, it } from 'vitest';
import { CHANNELS } from './channels.js';
import { classifyTraffic } from './traffic.js';

const PAGE = 'https://shop.example/products/hat';
const at = (query: string) => `${PAGE}?${query}`;

// [what, page URL, referrer, channel, source, campaign, tagged]
const CASES: Array<[string, string | undefined, string | undefined, string, string, string, boolean]> = [
  ['google organic', PAGE, 'https://www.google.com/', 'Organic Search', 'google.com', '(not set)', false],
  [
    'google of another country',
    PAGE,
    'https://www.google.co.uk/',
    'Organic Search',
    'google.co.uk',
    '(not set)',
    false,
  ],
  [
    'bing with its query',
    PAGE,
    'https://www.bing.com/search?q=hat',
    'Organic Search',
    'bing.com',
    '(not set)',
    false,
  ],
  ['duckduckgo', PAGE, 'https://duckduckgo.com/', 'Organic Search', 'duckduckgo.com', '(not set)', false],
  [
    'google with gclid',
    at('gclid=Cj0KCQ'),
    'https://www.google.com/',
    'Paid Search',
    'google',
    '(not set)',
    true,
  ],
  ['gbraid without referrer', at('gbraid=0AAAAA'), '', 'Paid Search', 'google', '(not set)', true],
  [
    'gclid beats utm tags',
    at('utm_source=news&utm_medium=email&gclid=x'),
    '',
    'Paid Search',
    'google',
    '(not set)',
    true,
  ],
  ['dclid', at('dclid=CJ'), '', 'Display', 'dv360', '(not set)', true],
  ['msclkid', at('msclkid=abc'), 'https://www.bing.com/', 'Paid Search', 'bing', '(not set)', true],
  ['ttclid', at('ttclid=abc'), '', 'Paid Social', 'tiktok', '(not set)', true],
  ['li_fat_id', at('li_fat_id=abc'), '', 'Paid Social', 'linkedin', '(not set)', true],
  [
    'cpc with a search source',
    at('utm_source=google&utm_medium=cpc&utm_campaign=Brand'),
    '',
    'Paid Search',
    'google',
    'Brand',
    true,
  ],
  [
    'cpc with facebook',
    at('utm_source=facebook&utm_medium=cpc'),
    '',
    'Paid Social',
    'facebook',
    '(not set)',
    true,
  ],
  [
    'paid_social with fb',
    at('utm_source=fb&utm_medium=paid_social'),
    '',
    'Paid Social',
    'fb',
    '(not set)',
    true,
  ],
  [
    'cpc with youtube',
    at('utm_source=youtube&utm_medium=cpv'),
    '',
    'Paid Video',
    'youtube',
    '(not set)',
    true,
  ],
  [
    'cpc with an unknown source',
    at('utm_source=partnerx&utm_medium=cpc'),
    '',
    'Paid Other',
    'partnerx',
    '(not set)',
    true,
  ],
  [
    'shopping campaign',
    at('utm_source=google&utm_medium=cpc&utm_campaign=Shopping%20-%20All'),
    '',
    'Paid Shopping',
    'google',
    'Shopping - All',
    true,
  ],
  [
    'cross-network campaign',
    at('utm_source=google&utm_medium=cpc&utm_campaign=PMax%20Cross-network'),
    '',
    'Cross-network',
    'google',
    'PMax Cross-network',
    true,
  ],
  ['medium email alone', at('utm_medium=email'), '', 'Email', '(not set)', '(not set)', true],
  [
    'newsletter with medium email',
    at('utm_source=Newsletter&utm_medium=E-Mail&utm_campaign=%20Spring%20Sale%20'),
    '',
    'Email',
    'newsletter',
    'Spring Sale',
    true,
  ],
  ['affiliate', at('utm_source=awin&utm_medium=affiliate'), '', 'Affiliates', 'awin', '(not set)', true],
  ['display', at('utm_source=criteo&utm_medium=display'), '', 'Display', 'criteo', '(not set)', true],
  ['banner', at('utm_source=adnet&utm_medium=banner'), '', 'Display', 'adnet', '(not set)', true],
  ['sms', at('utm_source=sms&utm_medium=text'), '', 'SMS', 'sms', '(not set)', true],
  [
    'push',
    at('utm_source=app&utm_medium=web-push'),
    '',
    'Mobile Push Notifications',
    'app',
    '(not set)',
    true,
  ],
  ['audio', at('utm_source=spotify&utm_medium=audio'), '', 'Audio', 'spotify', '(not set)', true],
  [
    'medium social',
    at('utm_source=partner&utm_medium=social'),
    '',
    'Organic Social',
    'partner',
    '(not set)',
    true,
  ],
  [
    'medium organic',
    at('utm_source=partner&utm_medium=organic'),
    '',
    'Organic Search',
    'partner',
    '(not set)',
    true,
  ],
  [
    'medium referral',
    at('utm_source=partner&utm_medium=referral'),
    '',
    'Referral',
    'partner',
    '(not set)',
    true,
  ],
  ['utm_source google alone', at('utm_source=google'), '', 'Organic Search', 'google', '(not set)', true],
  [
    'utm_source alone, unknown',
    at('utm_source=newsletter'),
    '',
    'Unassigned',
    'newsletter',
    '(not set)',
    true,
  ],
  [
    'unknown source and medium',
    at('utm_source=partnerx&utm_medium=banana'),
    '',
    'Unassigned',
    'partnerx',
    '(not set)',
    true,
  ],
  [
    'tags beat the referrer',
    at('utm_source=newsletter&utm_medium=email'),
    'https://www.google.com/',
    'Email',
    'newsletter',
    '(not set)',
    true,
  ],
  ['instagram', PAGE, 'https://l.instagram.com/', 'Organic Social', 'instagram.com', '(not set)', false],
  [
    'facebook link shim',
    PAGE,
    'https://l.facebook.com/l.php?u=x',
    'Organic Social',
    'facebook.com',
    '(not set)',
    false,
  ],
  ['fbclid without referrer', at('fbclid=IwAR0'), '', 'Organic Social', 'facebook.com', '(not set)', true],
  [
    'fbclid from instagram',
    at('fbclid=IwAR0'),
    'https://l.instagram.com/',
    'Organic Social',
    'instagram.com',
    '(not set)',
    true,
  ],
  ['tiktok', PAGE, 'https://www.tiktok.com/', 'Organic Social', 'tiktok.com', '(not set)', false],
  ['t.co', PAGE, 'https://t.co/abc', 'Organic Social', 't.co', '(not set)', false],
  ['youtube', PAGE, 'https://www.youtube.com/watch?v=1', 'Organic Video', 'youtube.com', '(not set)', false],
  ['mobile youtube', PAGE, 'https://m.youtube.com/', 'Organic Video', 'youtube.com', '(not set)', false],
  ['amazon', PAGE, 'https://www.amazon.de/dp/1', 'Organic Shopping', 'amazon.de', '(not set)', false],
  [
    'shop campaign',
    at('utm_source=partner&utm_medium=feed&utm_campaign=eshop'),
    '',
    'Organic Shopping',
    'partner',
    'eshop',
    true,
  ],
  [
    'a referral site',
    PAGE,
    'https://blog.somebody.net/best-hats',
    'Referral',
    'blog.somebody.net',
    '(not set)',
    false,
  ],
  [
    'webmail is a referral, as in GA4',
    PAGE,
    'https://mail.google.com/',
    'Referral',
    'mail.google.com',
    '(not set)',
    false,
  ],
  [
    'Android app referrer',
    PAGE,
    'android-app://com.google.android.googlequicksearchbox/',
    'Organic Search',
    'com.google.android.googlequicksearchbox',
    '(not set)',
    false,
  ],
  ['internal referrer', PAGE, 'https://shop.example/cart', 'Direct', '(direct)', '(not set)', false],
  ['internal referrer with www', PAGE, 'https://www.shop.example/', 'Direct', '(direct)', '(not set)', false],
  [
    'internal referrer, tagged',
    at('utm_source=newsletter&utm_medium=email'),
    PAGE,
    'Email',
    'newsletter',
    '(not set)',
    true,
  ],
  ['no data', undefined, undefined, 'Direct', '(direct)', '(not set)', false],
  ['empty strings', '', '', 'Direct', '(direct)', '(not set)', false],
  ['garbage URLs', 'not a url', '::: nope', 'Direct', '(direct)', '(not set)', false],
  [
    'garbage page, real referrer',
    '%%%',
    'https://www.google.com/',
    'Organic Search',
    'google.com',
    '(not set)',
    false,
  ],
  ['a javascript: referrer', PAGE, 'javascript:alert(1)', 'Direct', '(direct)', '(not set)', false],
  ['campaign only', at('utm_campaign=spring'), '', 'Direct', '(direct)', 'spring', true],
  [
    'utm_content only',
    at('utm_content=hero'),
    'https://www.google.com/',
    'Organic Search',
    'google.com',
    '(not set)',
    true,
  ],
  ['blank tags', at('utm_source=&utm_medium=%20&gclid='), '', 'Direct', '(direct)', '(not set)', false],
  [
    'tag names in capitals',
    at('UTM_SOURCE=Google&UTM_MEDIUM=CPC'),
    '',
    'Paid Search',
    'google',
    '(not set)',
    true,
  ],
  [
    'a repeated tag',
    at('utm_source=first&utm_source=second&utm_medium=email'),
    '',
    'Email',
    'first',
    '(not set)',
    true,
  ],
];

describe('classifyTraffic', () => {
  it.each(CASES)('%s', (_what, pageUrl, referrer, channel, source, campaign, tagged) => {
    expect(classifyTraffic(pageUrl, referrer)).toEqual({ channel, source, campaign, tagged });
  });

  it('answers only channels of CHANNELS', () => {
    for (const [, pageUrl, referrer] of CASES)
      expect(CHANNELS).toContain(classifyTraffic(pageUrl, referrer).channel);
  });

  it('keeps 100 UTF-16 units of a source or campaign, without splitting an emoji', () => {
    const long = `x${'😀'.repeat(60)}`;
    const traffic = classifyTraffic(
      at(`utm_source=${'a'.repeat(300)}&utm_campaign=${encodeURIComponent(long)}`),
      '',
    );
    expect(traffic.source).toBe('a'.repeat(100));
    expect(traffic.campaign).toBe(`x${'😀'.repeat(49)}`);
    expect(classifyTraffic(PAGE, `https://${'b'.repeat(60)}.${'c'.repeat(60)}.com/`).source).toHaveLength(
      100,
    );
  });

  it('never throws, whatever it is given', () => {
    const odd = [
      PAGE,
      'http://',
      'https://[::1',
      'http://%zz/',
      '?utm_source=x',
      'https://a.b/?%E0%A4%A=1',
      'x'.repeat(10_000),
    ];
    for (const a of odd) for (const b of odd) expect(() => classifyTraffic(a, b)).not.toThrow();
    expect(() => classifyTraffic(42 as unknown as string, {} as unknown as string)).not.toThrow();
  });

  it('ignores parameters named like Object.prototype members', () => {
    expect(classifyTraffic(at('__proto__=1&constructor=2&toString=3'), '').tagged).toBe(false);
  });
});
