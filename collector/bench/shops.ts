/**
 * The shops the bench's traffic comes from: several sites spread over every stream partition (one site
 * per partition would serialise the consumer), most visitors with client ids and a third cookieless.
 */
import { partitionOf } from '../src/keys.js';
import type { BodyShape } from './bodies.js';

/** `count` site ids (`shop-0`, …) spread over the `partitions` as evenly as possible. */
export function siteIds(count: number, partitions: number): string[] {
  const perPartition = Math.ceil(count / partitions);
  const taken = new Array<number>(partitions).fill(0);
  const sites: string[] = [];
  for (let n = 0; sites.length < count; n++) {
    const site = `shop-${n}`;
    const partition = partitionOf(site, partitions);
    if (taken[partition] < perPartition) {
      taken[partition]++;
      sites.push(site);
    }
  }
  return sites;
}

/** Batch `n` of a load cycling through `shapes`: its shape and its sequence number within that shape. */
export function nthBatch(shapes: readonly BodyShape[], n: number): { shape: BodyShape; seq: number } {
  return { shape: shapes[n % shapes.length], seq: Math.floor(n / shapes.length) };
}

/**
 * Body shapes for a mixed load: each site twice with client ids and once cookieless (a third of its
 * visitors each). A load driver or a fill cycles through them, so consecutive batches come from
 * different sites and partitions.
 */
export function shopShapes(
  sites: readonly string[],
  events: number,
  visitorsPerSite: number,
  tag: string,
): BodyShape[] {
  return sites.flatMap((site) =>
    [true, true, false].map((identified, kind) => ({
      site,
      events,
      identified,
      visitors: Math.max(1, Math.ceil(visitorsPerSite / 3)),
      tag: `${tag}${'abc'[kind]}`,
    })),
  );
}
