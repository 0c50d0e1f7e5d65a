/**
 * The wire protocol as the SDK speaks it (docs/protocol.md), from `@cartpulse/protocol`, where the
 * collector's schema is proven to match it. Types only, so the bundles pay nothing for them; the published
 * declarations carry a copy (rollup.parts.mjs), since npm users cannot install the private workspace.
 */
export type { Batch, CartpulseEvent, EventType, Item, Props } from '@cartpulse/protocol/events';
