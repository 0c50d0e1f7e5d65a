import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, startTracker } from './testing.js';

let browser: ReturnType<typeof fakeBrowser>;

/** A stand-in element: its tag, attributes, and what `closest('[data-cp-event]')` finds. */
function element(tagName: string, attributes: Record<string, string>, parent?: object): object {
  const self: Record<string, unknown> = {
    tagName,
    attributes: Object.entries(attributes).map(([name, value]) => ({ name, value })),
    dataset: { cpEvent: attributes['data-cp-event'] },
  };
  self.closest = () => ('data-cp-event' in attributes ? self : (parent as { closest(): unknown })?.closest());
  return self;
}

async function customEvents() {
  await vi.advanceTimersByTimeAsync(5000);
  return browser.events().filter((event) => event.type == 'event');
}

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('data-cp-event', () => {
  it('counts clicks on links and buttons, with data-cp-prop-* properties', async () => {
    await startTracker();
    const link = element('A', { 'data-cp-event': 'Size guide', 'data-cp-prop-product': 'mug', class: 'x' });
    browser.dispatch('click', { target: element('SPAN', {}, link) });
    browser.dispatch('click', { target: element('SPAN', {}) });
    expect(await customEvents()).toMatchObject([{ name: 'Size guide', props: { product: 'mug' } }]);
  });

  it('counts forms when they are submitted, not when clicked', async () => {
    await startTracker();
    const form = element('FORM', { 'data-cp-event': 'Newsletter', 'data-cp-prop-list-name': 'weekly' });
    browser.dispatch('click', { target: element('INPUT', {}, form) });
    browser.dispatch('submit', { target: form });
    expect(await customEvents()).toMatchObject([{ name: 'Newsletter', props: { 'list-name': 'weekly' } }]);
  });
});
