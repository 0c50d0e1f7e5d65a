/**
 * Redis key layout. Every key of a partition carries the partition's hash tag (`{p3}`), so one Lua
 * call or pipeline only ever touches keys of one Redis Cluster slot. A site always maps to the same
 * partition (FNV-1a of the site id), which is why the partition count is fixed for a deployment.
 */
export function partitionOf(site: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < site.length; i++) {
    hash ^= site.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

export interface PartitionKeys {
  readonly partition: number;
  /** Prefix of every key in this partition, e.g. `cp:{p3}:`; Lua scripts append the rest. */
  readonly prefix: string;
  /** The event stream (one entry per accepted batch). */
  readonly stream: string;
  /** The dead-letter stream: rejected events and entries that failed processing, with reasons. */
  readonly dlq: string;
  /** Every active visitor of every site of the partition, `site|visitor` → latest event time. */
  readonly allVisitors: string;
  /** Site → time of its latest event, for the sites active in the active-users window. */
  readonly activeSites: string;
  /** Site → its active users as of its latest batch (candidates for the metrics' top N). */
  readonly siteUsers: string;
  /** Processing failures per stream entry id. */
  readonly failures: string;
  /** Which consumer reads this partition now (consumer/leases.ts). */
  readonly lease: string;
  /**
   * The pub/sub channel the apply script announces on, after each call, the sites whose windows it
   * changed (comma-separated); one for the whole deployment. The live hub reads a site only then.
   */
  readonly applied: string;
}

export function partitionKeys(keyPrefix: string, partition: number): PartitionKeys {
  const prefix = `${keyPrefix}:{p${partition}}:`;
  return {
    partition,
    prefix,
    stream: `${prefix}events`,
    dlq: `${prefix}dlq`,
    allVisitors: `${prefix}allvis`,
    activeSites: `${prefix}active`,
    siteUsers: `${prefix}users`,
    failures: `${prefix}failures`,
    lease: `${prefix}lease`,
    applied: `${keyPrefix}:applied`,
  };
}

export function allPartitionKeys(keyPrefix: string, partitions: number): PartitionKeys[] {
  return Array.from({ length: partitions }, (_, partition) => partitionKeys(keyPrefix, partition));
}

/** Consumers alive, name → last heartbeat (epoch ms), to share the partitions out evenly. */
export const consumersKey = (keyPrefix: string) => `${keyPrefix}:consumers`;

/** The daily identity salt lives outside the partitions: one small key per UTC day. */
export function saltKey(keyPrefix: string, day: string): string {
  return `${keyPrefix}:salt:${day}`;
}
