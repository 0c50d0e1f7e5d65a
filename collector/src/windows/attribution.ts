/**
 * A session's attribution: the values it is counted under in every breakdown. Decided by the session's
 * first event the consumer applies (the collector's arrival order, which the consumer keeps per
 * partition); a later page view with campaign tags or a click id that name another channel, source or
 * campaign starts a new attribution, as in GA4. Every event, order and revenue of the session belongs
 * to the attribution current when it arrives. Pure.
 */
import type { StoredClient, StoredEvent } from '../protocol/stored-event.js';
import { type Attribution, dimensionValue } from './dimensions.js';

export function attributionOf(event: StoredEvent, client: StoredClient | undefined): Attribution {
  const traffic = event.traffic;
  return [
    traffic?.channel ?? 'Direct',
    traffic?.source ?? '(direct)',
    traffic?.campaign,
    client?.country,
    client?.device,
    client?.browser,
    client?.os,
    event.path,
  ].map(dimensionValue);
}

/** The session's attribution after `event`, given the one it had (undefined for a new session). */
export function nextAttribution(
  current: Attribution | undefined,
  event: StoredEvent,
  client: StoredClient | undefined,
): Attribution {
  if (current === undefined) return attributionOf(event, client);
  if (event.type !== 'pageview' || !event.traffic?.tagged) return current;
  const candidate = attributionOf(event, client);
  const same = candidate[0] === current[0] && candidate[1] === current[1] && candidate[2] === current[2];
  return same ? current : candidate;
}
