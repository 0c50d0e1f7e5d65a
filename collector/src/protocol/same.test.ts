/** `Same` guards the protocol's proofs, so what it tells apart is pinned here (checked by tsc too). */
import { describe, expectTypeOf, it } from 'vitest';
import type { Same } from './same.js';

describe('Same', () => {
  it('holds for one JSON shape written two ways', () => {
    expectTypeOf<Same<{ a?: string }, { a?: string | undefined }>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Record<'x' | 'y', number>, { x: number; y: number }>>().toEqualTypeOf<true>();
    expectTypeOf<Same<{ a: 1 } & { b: 2 }, { a: 1; b: 2 }>>().toEqualTypeOf<true>();
    expectTypeOf<Same<readonly { a: 1 }[], { a: 1 }[]>>().toEqualTypeOf<true>();
  });

  it('fails for a field one side lacks, even an optional one, and all the way down', () => {
    expectTypeOf<Same<{ a: string }, { a: string; b?: number }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: { b: number }[] }, { a: { b: number; c?: 1 }[] }>>().toEqualTypeOf<false>();
  });

  it('fails for a field optional on one side, or typed wider', () => {
    expectTypeOf<Same<{ a?: string }, { a: string | undefined }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: 'x' | 'y' }, { a: string }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: string | null }, { a: string }>>().toEqualTypeOf<false>();
  });
});
