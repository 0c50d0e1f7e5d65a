/**
 * Custom events without code: `data-cp-event="Name"` on a link, button or form, with properties from
 * `data-cp-prop-<key>="value"`. Links and buttons count on click, forms on submit. Listening in the
 * capture phase means a handler that stops propagation does not hide the event.
 */
import type { Props } from './protocol.js';
import { track } from './record.js';

function listener(event: Event) {
  const element = (event.target as Element).closest<HTMLElement>('[data-cp-event]');
  if (element && (event.type == 'submit') == (element.tagName == 'FORM')) {
    const props: Props = {};
    // (`!indexOf`: starts with.)
    for (const { name, value } of element.attributes)
      if (!name.indexOf('data-cp-prop-')) props[name.slice(13)] = value;
    track(element.dataset.cpEvent!, props);
  }
}

export function trackDeclared(): void {
  addEventListener('click', listener, true);
  addEventListener('submit', listener, true);
}
