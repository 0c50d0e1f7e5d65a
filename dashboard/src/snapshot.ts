/**
 * The realtime snapshot as the collector sends it (`GET /api/realtime`, and each `snapshot` message of
 * `GET /api/stream`): the protocol's types (`@cartpulse/protocol`, documented in docs/protocol.md).
 */
import type { Snapshot as CollectorSnapshot } from '@cartpulse/protocol';

export type {
  BreakdownRow,
  Coverage,
  Dimension,
  EventType,
  Filter,
  RecentEvent,
} from '@cartpulse/protocol';

/**
 * The protocol's snapshot as the dashboard receives it: collectors older than breakdowns send neither
 * `breakdowns` nor `filter`, so both may be missing here. Read the rows through `breakdownRows`
 * (breakdowns.ts), which treats a missing list as empty.
 */
export type Snapshot = Omit<CollectorSnapshot, 'breakdowns' | 'filter'> &
  Partial<Pick<CollectorSnapshot, 'breakdowns' | 'filter'>>;

/** The headline numbers, by the snapshot field name that `data-metric` carries. */
export type MetricName =
  | 'activeUsers'
  | 'activeSessions'
  | 'pageviews'
  | 'orders'
  | 'revenue'
  | 'conversionRate';
