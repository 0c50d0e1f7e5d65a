/** Every event goes through here: stamped with a unique id and the time, screened, then queued. */
import { config, page } from './config.js';
import { outbox, queued } from './delivery.js';
import { FULL } from './features.js';
import { identify } from './identity.js';
import { blocked } from './privacy.js';
import type { CartpulseEvent, Props } from './protocol.js';
import { warn } from './warn.js';

let sequence = 0;

/**
 * Records one event (nothing before `init`): stamps it with a unique id and the time, screens it, and
 * queues it. Never throws, even when a `beforeSend` hook does: this runs inside the page's own calls,
 * such as a router's `pushState`.
 */
export function record(event: CartpulseEvent): void {
  try {
    if (config.site && !blocked()) {
      event.id = page + '-' + ++sequence;
      event.ts = Date.now();
      if (FULL && config.storage == 'local') identify(event);
      if (FULL && config.beforeSend) event = config.beforeSend(event) as CartpulseEvent;
      if (!FULL || event) {
        // A copy: what the page changes later does not reach the queue, and what cannot be sent as
        // JSON (a circular object) fails here instead of in every later flush.
        outbox.push(JSON.parse(JSON.stringify(event)));
        queued();
      }
    }
  } catch (error) {
    /* @__INLINE__ */ warn(error);
  }
}

/**
 * Records a custom event, with optional properties (at most 32; strings, numbers or booleans).
 * @example
 * track('Newsletter signup', { plan: 'weekly', position: 2 });
 */
export function track(name: string, props?: Props): void {
  record({ type: 'event', name, props });
}
