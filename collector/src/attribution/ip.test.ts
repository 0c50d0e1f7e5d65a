import { describe, expect, it } from 'vitest';
import { parseIpv4, parseIpv6, publicAddress } from './ip.js';

describe('parseIpv4', () => {
  it.each([
    ['0.0.0.0', 0],
    ['1.2.3.4', 0x01020304],
    ['255.255.255.255', 0xffffffff],
  ])('%s', (text, value) => expect(parseIpv4(text)).toBe(value));

  it.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', '1..3.4', ' 1.2.3.4', '0x1.2.3.4', ''])(
    'refuses %j',
    (text) => expect(parseIpv4(text)).toBeUndefined(),
  );
});

describe('parseIpv6', () => {
  it.each([
    ['::', [0, 0, 0, 0]],
    ['::1', [0, 0, 0, 1]],
    ['2001:db8::1', [0x20010db8, 0, 0, 1]],
    ['2001:DB8:0:0:8:800:200C:417A', [0x20010db8, 0, 0x80800, 0x200c417a]],
    ['fe80::', [0xfe800000, 0, 0, 0]],
    ['::ffff:1.2.3.4', [0, 0, 0xffff, 0x01020304]],
    ['1:2:3:4:5:6:7::', [0x10002, 0x30004, 0x50006, 0x70000]],
  ])('%s', (text, words) => expect(parseIpv6(text)).toEqual(words));

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', ':1', '1:', 'g::', '1:2:3:4:5:6:7:8::', '::1.2.3', ''])(
    'refuses %j',
    (text) => expect(parseIpv6(text)).toBeUndefined(),
  );
});

describe('publicAddress', () => {
  it('reads the shapes proxies write', () => {
    expect(publicAddress('8.8.8.8')).toEqual({ v4: 0x08080808 });
    expect(publicAddress(' 8.8.8.8 ')).toEqual({ v4: 0x08080808 });
    expect(publicAddress('8.8.8.8:443')).toEqual({ v4: 0x08080808 });
    expect(publicAddress('::ffff:8.8.8.8')).toEqual({ v4: 0x08080808 });
    expect(publicAddress('::FFFF:808:808')).toEqual({ v4: 0x08080808 });
    expect(publicAddress('64:ff9b::8.8.8.8')).toEqual({ v4: 0x08080808 });
    expect(publicAddress('[2a00:1450::1]:443')).toEqual({ v6: [0x2a001450, 0, 0, 1] });
    expect(publicAddress('2a00:1450::1%eth0')).toEqual({ v6: [0x2a001450, 0, 0, 1] });
  });

  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '192.0.2.1',
    '224.0.0.1',
    '255.255.255.255',
    '::ffff:192.168.1.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '2001:db8::1',
    '[::1]:8080',
  ])('%s is not public', (ip) => expect(publicAddress(ip)).toBeUndefined());

  it('keeps the neighbours of private blocks', () => {
    expect(publicAddress('172.15.255.255')).toBeDefined();
    expect(publicAddress('172.32.0.0')).toBeDefined();
    expect(publicAddress('11.0.0.0')).toBeDefined();
    expect(publicAddress('223.255.255.255')).toBeDefined();
  });

  it.each([
    undefined,
    '',
    'garbage',
    'localhost',
    '1.2.3.4.5',
    '[1.2.3.4',
    'x'.repeat(1000),
    '1.2.3.4, 5.6.7.8',
  ])('refuses %j', (ip) => expect(publicAddress(ip)).toBeUndefined());

  it('never throws on values that are no strings', () => {
    for (const odd of [null, 42, {}, [], Symbol('x')])
      expect(publicAddress(odd as unknown as string)).toBeUndefined();
  });
});
