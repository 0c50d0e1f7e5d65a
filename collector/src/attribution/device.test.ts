import { describe, expect, it } from 'vitest';
import { DEVICE_CACHE_SIZE, deviceOf } from './device.js';

const UA = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  ipadDesktopMode:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  chromeAndroidPhone:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  chromeAndroidTablet:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  galaxyTab:
    'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/116.0.0.0',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  instagramAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 Instagram 343.0.0.33.101 Android',
  smartTv:
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
};

describe('deviceOf', () => {
  it.each([
    ['Chrome on Windows', UA.chromeWindows, 'desktop', 'Chrome', 'Windows'],
    ['Chrome on a Mac', UA.chromeMac, 'desktop', 'Chrome', 'macOS'],
    ['Safari on an iPhone', UA.safariIphone, 'mobile', 'Safari', 'iOS'],
    ['Chrome on an iPhone', UA.chromeIphone, 'mobile', 'Chrome', 'iOS'],
    ['Safari on an iPad', UA.safariIpad, 'tablet', 'Safari', 'iOS'],
    ['an iPad asking for desktop sites', UA.ipadDesktopMode, 'desktop', 'Safari', 'macOS'],
    ['Chrome on an Android phone', UA.chromeAndroidPhone, 'mobile', 'Chrome', 'Android'],
    ['Chrome on an Android tablet (no "Mobile")', UA.chromeAndroidTablet, 'tablet', 'Chrome', 'Android'],
    ['a Galaxy Tab', UA.galaxyTab, 'tablet', 'Chrome', 'Android'],
    ['Firefox on Linux', UA.firefoxLinux, 'desktop', 'Firefox', 'Linux'],
    ['Firefox on Ubuntu', UA.firefoxUbuntu, 'desktop', 'Firefox', 'Linux'],
    ['Edge', UA.edge, 'desktop', 'Edge', 'Windows'],
    ['Samsung Internet', UA.samsungInternet, 'mobile', 'Samsung Internet', 'Android'],
    ['Opera', UA.opera, 'desktop', 'Opera', 'Windows'],
    ['a Chromebook', UA.chromeOs, 'desktop', 'Chrome', 'ChromeOS'],
    ["Instagram's in-app browser", UA.instagramAndroid, 'mobile', 'Chrome', 'Android'],
    ['a smart TV', UA.smartTv, 'desktop', 'Samsung Internet', 'Tizen'],
    ['curl', 'curl/8.5.0', 'desktop', '(not set)', '(not set)'],
    ['an empty UA', '', 'desktop', '(not set)', '(not set)'],
    ['no UA', undefined, 'desktop', '(not set)', '(not set)'],
  ])('%s', (_what, ua, device, browser, os) => {
    expect(deviceOf(ua)).toEqual({ device, browser, os });
  });

  it('answers the same for a UA seen before', () => {
    expect(deviceOf(UA.edge)).toBe(deviceOf(UA.edge));
  });

  it('keeps what it remembers bounded, forgetting the least recently used first', () => {
    const first = deviceOf(UA.safariIpad);
    for (let i = 0; i < DEVICE_CACHE_SIZE - 1; i++) deviceOf(`${UA.chromeWindows} n/${i}`);
    expect(deviceOf(UA.safariIpad)).toBe(first); // used again: now the most recent
    for (let i = 0; i < DEVICE_CACHE_SIZE - 1; i++) deviceOf(`${UA.chromeMac} m/${i}`);
    expect(deviceOf(UA.safariIpad)).toBe(first);
    for (let i = 0; i < DEVICE_CACHE_SIZE; i++) deviceOf(`${UA.firefoxLinux} f/${i}`);
    expect(deviceOf(UA.safariIpad)).not.toBe(first);
    expect(deviceOf(UA.safariIpad)).toEqual(first);
  });

  it('reads a UA of any length, and never throws', () => {
    expect(deviceOf(`${UA.chromeWindows} ${'x'.repeat(100_000)}`).browser).toBe('Chrome');
    for (const odd of [null, 42, {}, '\u0000', '()', 'Mozilla/5.0 (']) {
      expect(() => deviceOf(odd as unknown as string)).not.toThrow();
    }
  });
});
