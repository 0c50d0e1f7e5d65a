/**
 * The dashboard's Snapshot type mirrors the collector's (docs/protocol.md). Checked by the type checker
 * (hygiene.test.ts runs tsc over this file): a field renamed or retyped on either side fails the build.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Snapshot as CollectorSnapshot } from '../../collector/src/windows/snapshot.js';
import type { Snapshot } from './snapshot.js';

describe('snapshot contract', () => {
  it('accepts what the collector sends, and reads nothing the collector does not send', () => {
    expectTypeOf<CollectorSnapshot>().toExtend<Snapshot>();
    expectTypeOf<keyof Snapshot>().toEqualTypeOf<keyof CollectorSnapshot>();
    expectTypeOf<keyof Snapshot['ecommerce']>().toEqualTypeOf<keyof CollectorSnapshot['ecommerce']>();
    expectTypeOf<keyof Snapshot['series']>().toEqualTypeOf<keyof CollectorSnapshot['series']>();
    expectTypeOf<keyof Snapshot['recent'][number]>().toEqualTypeOf<
      keyof CollectorSnapshot['recent'][number]
    >();
  });
});
