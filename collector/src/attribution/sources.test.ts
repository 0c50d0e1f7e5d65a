import { describe, expect, it } from 'vitest';
import { knownHost, sourceCategory } from './sources.js';

describe('knownHost', () => {
  it.each([
    ['google.com', 'google.com', 'search'],
    ['google.de', 'google.de', 'search'],
    ['www.bing.com', 'bing.com', 'search'],
    ['l.facebook.com', 'facebook.com', 'social'],
    ['m.facebook.com', 'facebook.com', 'social'],
    ['l.instagram.com', 'instagram.com', 'social'],
    ['out.reddit.com', 'reddit.com', 'social'],
    ['m.youtube.com', 'youtube.com', 'video'],
    ['player.vimeo.com', 'vimeo.com', 'video'],
    ['smile.amazon.co.uk', 'amazon.co.uk', 'shopping'],
    ['ebay.com.au', 'ebay.com.au', 'shopping'],
    ['vm.tiktok.com', 'tiktok.com', 'social'],
    ['mail.google.com', 'mail.google.com', undefined],
    ['blog.somebody.net', 'blog.somebody.net', undefined],
    ['localhost', 'localhost', undefined],
  ])('%s is %s (%s)', (host, canonical, category) => {
    expect(knownHost(host)).toEqual({ host: canonical, category });
  });

  it('reads entries that name a path', () => {
    expect(knownHost('orange.fr', '/webmail/inbox').category).toBeUndefined();
    expect(knownHost('bing.com', '/images/search').category).toBe('search');
  });

  it('does not take a look-alike host for the site it imitates', () => {
    expect(knownHost('notgoogle.com').category).toBeUndefined();
    expect(knownHost('google.com.evil.example').category).toBeUndefined();
    expect(knownHost('amazonaws.com').category).toBeUndefined();
  });
});

describe('sourceCategory', () => {
  it.each([
    ['google', 'search'],
    ['bing', 'search'],
    ['yahoo', 'search'],
    ['facebook', 'social'],
    ['fb', 'social'],
    ['ig', 'social'],
    ['instagram', 'social'],
    ['linkedin', 'social'],
    ['tiktok', 'social'],
    ['facebook.com', 'social'],
    ['m.facebook.com', 'social'],
    ['youtube', 'video'],
    ['amazon', 'shopping'],
    ['newsletter', undefined],
    ['(direct)', undefined],
    ['constructor', undefined],
  ])('%s: %s', (source, category) => {
    expect(sourceCategory(source)).toBe(category);
  });
});
