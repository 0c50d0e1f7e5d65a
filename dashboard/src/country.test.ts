import { describe, expect, it } from 'vitest';
import { countryName, flag } from './country.js';

describe('country', () => {
  it('draws a flag from the two regional-indicator letters of the code', () => {
    expect(flag('DE')).toBe('🇩🇪');
    expect(flag('gb')).toBe('🇬🇧');
    expect(flag('(not set)')).toBe('');
    expect(flag('D1')).toBe('');
  });

  it('names the country in English, says "Unknown" for (not set), and shows an odd code as itself', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('JP')).toBe('Japan');
    expect(countryName('(not set)')).toBe('Unknown');
    expect(countryName('D1')).toBe('D1');
    expect(countryName('<b>')).toBe('<b>');
  });
});
