import { describe, expect, it } from 'vitest';
import { copyText } from './clipboard.js';

describe('copyText', () => {
  const element = {} as Node;

  it('writes to the clipboard when it can', async () => {
    const written: string[] = [];
    const selected: Node[] = [];
    const env = {
      clipboard: { writeText: async (text: string) => void written.push(text) },
      select: (n: Node) => void selected.push(n),
    };
    expect(await copyText('<script>', element, env)).toBe('copied');
    expect(written).toEqual(['<script>']);
    expect(selected).toEqual([]);
  });

  it('selects the text when the clipboard is missing (plain http) or refused', async () => {
    const selected: Node[] = [];
    const select = (n: Node) => void selected.push(n);
    expect(await copyText('x', element, { select })).toBe('selected');
    const refused = { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) };
    expect(await copyText('x', element, { clipboard: refused, select })).toBe('selected');
    expect(selected).toEqual([element, element]);
  });
});
