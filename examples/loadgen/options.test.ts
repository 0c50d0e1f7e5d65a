import { describe, expect, it } from 'vitest';
import { defaultLoadgenOptions, HELP, parseLoadgenArgs } from './options.js';

const defaults = { ...defaultLoadgenOptions(), seed: 42 };
const parse = (...argv: string[]) => {
  const parsed = parseLoadgenArgs(argv, defaults);
  if (parsed.help) throw new Error('unexpected help');
  return parsed.options;
};

describe('parseLoadgenArgs', () => {
  it('reads the command from the README', () => {
    const options = parse(
      ...'--url http://localhost:8787 --rate 2000 --duration 60 --visitors 5000 --site demo-shop'.split(' '),
    );
    expect(options).toEqual({ ...defaults, rate: 2000, duration: 60, visitors: 5000, site: 'demo-shop' });
  });

  it('keeps the documented defaults', () => {
    expect(parse()).toEqual(defaults);
    expect(defaults).toMatchObject({
      url: 'http://localhost:8787',
      site: 'demo-shop',
      batch: 10,
      max: false,
    });
  });

  it('accepts every option', () => {
    const options = parse(
      '--url=http://127.0.0.1:9000/',
      '--batch',
      '50',
      '--connections',
      '8',
      '--max',
      '--origin',
      'https://shop.example/some/page',
      '--seed',
      '7',
      '--timeout',
      '2500',
      '--duration',
      '0.5',
    );
    expect(options).toMatchObject({
      url: 'http://127.0.0.1:9000',
      batch: 50,
      connections: 8,
      max: true,
      origin: 'https://shop.example',
      seed: 7,
      timeoutMs: 2500,
      duration: 0.5,
    });
  });

  it('answers --help and -h', () => {
    expect(parseLoadgenArgs(['--help'])).toEqual({ help: true });
    expect(parseLoadgenArgs(['-h', '--rate', 'x'])).toEqual({ help: true });
    for (const name of ['--url', '--rate', '--duration', '--visitors', '--site', '--max', '--batch']) {
      expect(HELP).toContain(name);
    }
  });

  it('refuses what it cannot run, saying why', () => {
    expect(() => parse('--rate', 'fast')).toThrow('--rate must be a number');
    expect(() => parse('--rate', '0')).toThrow('--rate');
    expect(() => parse('--visitors', '2.5')).toThrow('--visitors must be a whole number');
    expect(() => parse('--batch', '501')).toThrow('--batch must be a number from 1 to 500');
    expect(() => parse('--url', 'localhost:8787')).toThrow('--url must be http or https');
    expect(() => parse('--url', 'nope')).toThrow('--url must be a URL');
    expect(() => parse('--site', 'demo shop')).toThrow('--site must be');
    expect(() => parse('--bogus')).toThrow();
    expect(() => parse('extra')).toThrow('unexpected argument "extra"');
  });
});
