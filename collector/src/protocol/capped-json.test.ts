import { describe, expect, it } from 'vitest';
import { cappedJson } from './capped-json.js';

describe('cappedJson', () => {
  it('writes what JSON.stringify writes, when it fits', () => {
    for (const value of [
      null,
      1,
      'a"b',
      [],
      {},
      [1, [2, { a: [3, null, true] }]],
      { x: { y: 'z' }, n: -1.5 },
    ])
      expect(cappedJson(value, 1000)).toEqual({ text: JSON.stringify(value), cut: false });
  });

  it('stops at the cap', () => {
    const { text, cut } = cappedJson({ a: 'x'.repeat(100), b: [1, 2, 3] }, 20);
    expect(cut).toBe(true);
    expect(text).toBe('{"a":"xxxxxxxxxxxxxx');
  });

  it('writes arrays nested deeper than the call stack allows', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const { text, cut } = cappedJson(deep, 1024);
    expect(cut).toBe(true);
    expect(text).toBe('['.repeat(1024));
    expect(cappedJson(JSON.parse('[[[[]]]]'), 1024).text).toBe('[[[[]]]]');
  });
});
