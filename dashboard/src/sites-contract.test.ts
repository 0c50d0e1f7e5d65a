/**
 * The dashboard's site types mirror what the collector answers (docs/protocol.md, "Sites"). Checked by
 * the type checker (hygiene.test.ts runs tsc over this file): a field renamed or retyped on either side
 * fails the build.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { RefusedSite as CollectorRefusedSite } from '../../collector/src/sites/refused.js';
import type { SiteListQuery, SitePage as CollectorSitePage } from '../../collector/src/sites/registry.js';
import type { PublicSite } from '../../collector/src/sites/schema.js';
import type { RefusedSite, Site, SitePage, SiteQuery } from './api.js';

describe('sites contract', () => {
  it('reads what the collector sends, and asks what it understands', () => {
    expectTypeOf<PublicSite>().toExtend<Site>();
    expectTypeOf<Exclude<keyof PublicSite, 'rateLimit'>>().toEqualTypeOf<keyof Site>();
    expectTypeOf<keyof SitePage>().toEqualTypeOf<keyof CollectorSitePage>();
    expectTypeOf<Omit<CollectorSitePage, 'sites'> & { sites: PublicSite[] }>().toExtend<SitePage>();
    expectTypeOf<CollectorRefusedSite>().toEqualTypeOf<RefusedSite>();
    expectTypeOf<SiteQuery>().toEqualTypeOf<SiteListQuery>();
  });
});
