/**
 * Test helper: renders a Preact tree to HTML (no DOM) and reads it back with a few regular expressions,
 * enough for the attributes and text the component tests check.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function html(tree: VNode): string {
  return renderToString(tree);
}

/** `data-value` of the element carrying `data-metric="<name>"` (decoded). */
export function metricValue(markup: string, name: string): string | undefined {
  const tag = new RegExp(`<[^>]*data-metric="${name}"[^>]*>`).exec(markup)?.[0];
  const raw = tag && /data-value="([^"]*)"/.exec(tag)?.[1];
  return raw === undefined ? undefined : decode(raw);
}

/** Text content of the markup: tags removed, entities decoded. */
export function text(markup: string): string {
  return decode(markup.replace(/<[^>]+>/g, ''));
}

export function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
