/**
 * The dashboard's Snapshot type mirrors the collector's (docs/protocol.md). Checked by the type checker
 * (hygiene.test.ts runs tsc over this file): a field renamed or retyped on either side fails the build.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Snapshot as CollectorSnapshot } from '../../collector/src/windows/snapshot.js';
import type { BreakdownRow, Dimension, Filter, Snapshot } from './snapshot.js';

/**
 * Fields the dashboard reads when present and tolerates when absent: collectors older than breakdowns do
 * not send them. Once the collector's type has them, their shape is held to ours below.
 */
type Optional = 'breakdowns' | 'filter';
type Sent<K extends string, Ours> = CollectorSnapshot extends { [key in K]?: infer T }
  ? NonNullable<T>
  : Ours;
type CollectorBreakdowns = Sent<'breakdowns', Record<Dimension, BreakdownRow[]>>;

describe('snapshot contract', () => {
  it('accepts what the collector sends, and reads nothing the collector does not send', () => {
    expectTypeOf<CollectorSnapshot>().toExtend<Snapshot>();
    expectTypeOf<Exclude<keyof Snapshot, Optional>>().toEqualTypeOf<
      Exclude<keyof CollectorSnapshot, Optional>
    >();
    expectTypeOf<keyof Snapshot['ecommerce']>().toEqualTypeOf<keyof CollectorSnapshot['ecommerce']>();
    expectTypeOf<keyof Snapshot['series']>().toEqualTypeOf<keyof CollectorSnapshot['series']>();
    expectTypeOf<keyof Snapshot['recent'][number]>().toEqualTypeOf<
      keyof CollectorSnapshot['recent'][number]
    >();
  });

  it('names the same breakdown dimensions, row fields and filter fields as the collector, once it sends them', () => {
    expectTypeOf<keyof CollectorBreakdowns>().toEqualTypeOf<Dimension>();
    expectTypeOf<keyof CollectorBreakdowns[Dimension][number]>().toEqualTypeOf<keyof BreakdownRow>();
    expectTypeOf<keyof Sent<'filter', Filter>>().toEqualTypeOf<keyof Filter>();
  });
});
