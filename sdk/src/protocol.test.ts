import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { EventSchema, ItemSchema } from '../../collector/src/protocol/schema.js';
import type { CartpulseEvent, Item } from './protocol.js';

// The collector's schema is the one definition of the protocol; the SDK's hand-written types must
// describe exactly what it accepts, so a change on either side fails here.
describe('SDK protocol types', () => {
  it('match the collector schema for events', () => {
    expectTypeOf<CartpulseEvent>().toEqualTypeOf<v.InferInput<typeof EventSchema>>();
  });
  it('match the collector schema for items', () => {
    expectTypeOf<Item>().toEqualTypeOf<v.InferInput<typeof ItemSchema>>();
  });
});
