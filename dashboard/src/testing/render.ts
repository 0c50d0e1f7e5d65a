/**
 * Test helper: renders a Preact tree to HTML (no DOM) and reads it back with a few regular expressions,
 * enough for the attributes and text the component tests check.
 */
import { options, type VNode } from 'preact';
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

/**
 * Renders like `html` and keeps every element created on the way, so a test can find one (a row's button)
 * and call its handler as a click would, without a DOM.
 */
export function renderKeeping(tree: VNode): { markup: string; elements: VNode<Record<string, unknown>>[] } {
  const elements: VNode<Record<string, unknown>>[] = [];
  const previous = options.vnode;
  options.vnode = (vnode) => {
    if (typeof vnode.type === 'string') elements.push(vnode as VNode<Record<string, unknown>>);
    previous?.(vnode);
  };
  try {
    return { markup: renderToString(tree), elements };
  } finally {
    options.vnode = previous;
  }
}

/** The element whose attribute `name` equals `value`, as rendered by `renderKeeping`. */
export function elementWith(
  elements: VNode<Record<string, unknown>>[],
  name: string,
  value: string,
): VNode<Record<string, unknown>> {
  const found = elements.find((element) => element.props[name] === value);
  if (!found) throw new Error(`no element with ${name}="${value}"`);
  return found;
}
