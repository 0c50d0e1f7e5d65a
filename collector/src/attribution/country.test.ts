import { describe, expect, it } from 'vitest';
import { compare, loadCountryRanges, scanIpv6 } from './country-db.js';
import { countryOf } from './country.js';
import { parseIpv6 } from './ip.js';

describe('countryOf', () => {
  // Addresses whose country has not moved in years: Google's DNS, RIPE NCC, the University of Tokyo,
  // NIC.br, the WIDE project, Yandex.
  it.each([
    ['8.8.8.8', 'US'],
    ['193.0.6.139', 'NL'],
    ['133.11.0.1', 'JP'],
    ['200.160.2.3', 'BR'],
    ['2001:67c:2e8:22::c100:68b', 'NL'],
    ['2001:200::1', 'JP'],
    ['2a02:6b8::1', 'RU'],
    ['::ffff:8.8.8.8', 'US'],
    ['::ffff:193.0.6.139', 'NL'],
    ['[2001:200::1]:443', 'JP'],
  ])('%s is in %s', (ip, country) => {
    expect(countryOf(ip)).toBe(country);
  });

  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '192.168.0.10',
    '172.20.1.1',
    '::1',
    'fe80::1',
    'fc00::1',
    '::ffff:10.0.0.1',
  ])('%s (private or loopback) has no country', (ip) => expect(countryOf(ip)).toBeUndefined());

  it.each([undefined, '', 'garbage', '999.1.1.1', '1.2.3', '::g', '2001:db8::1', '240.0.0.1'])(
    '%j has no country',
    (ip) => expect(countryOf(ip)).toBeUndefined(),
  );

  it('answers a two-letter code or nothing for any address', () => {
    for (let i = 0; i < 2_000; i++) {
      const a = (i * 2654435761) >>> 0;
      const v4 = [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
      const v6 = `2${(a & 0xfff).toString(16).padStart(3, '0')}:${(a >>> 16).toString(16)}::${i.toString(16)}`;
      for (const ip of [v4, v6]) expect(countryOf(ip) ?? 'none').toMatch(/^([A-Z]{2}|none)$/);
    }
  });
});

describe('the country database', () => {
  const ranges = loadCountryRanges();

  it('holds sorted ranges with known codes', () => {
    expect(ranges.v4Codes.length).toBeGreaterThan(100_000);
    expect(ranges.v6Codes.length).toBeGreaterThan(100_000);
    for (let i = 1; i < ranges.v4Starts.length; i++) {
      if (ranges.v4Starts[i] <= ranges.v4Starts[i - 1]) throw new Error(`IPv4 range ${i} is out of order`);
    }
    for (let i = 1; i < ranges.v6Codes.length; i++) {
      const previous = ranges.v6Starts.subarray((i - 1) * 4, i * 4);
      if (compare(previous, ranges.v6Starts, i * 4) >= 0) throw new Error(`IPv6 range ${i} is out of order`);
    }
    expect(ranges.codes[0]).toBe('');
    for (const code of ranges.codes.slice(1)) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('reads IPv6 text the way the address parser does', () => {
    const out = new Uint32Array(4);
    for (const text of [
      '::',
      '::1',
      '2001:db8::',
      '2001:db8::1',
      '1:2:3:4:5:6:7:8',
      '1::8',
      'abcd:EF01::',
      '1:2:3:4:5:6:7::',
    ]) {
      expect(scanIpv6(`${text},`, 0, out)).toBe(text.length);
      expect([...out]).toEqual(parseIpv6(text));
    }
    for (const text of [
      ':1',
      '1:',
      '1:::2',
      '1::2::3',
      '12345::',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '',
    ]) {
      expect(scanIpv6(`${text},`, 0, out), text).toBe(-1);
    }
  });
});
