/**
 * `@cartpulse/protocol`: the Cartpulse wire protocol, written once, as types only (nothing here exists at
 * run time, so importing it costs no bytes). The SDK, the dashboard and the collector take their wire
 * types from here; the collector's validating schemas are proven at compile time to match them.
 */
export type {
  AlertEntry,
  AlertFormat,
  AlertKind,
  AlertList,
  AlertRule,
  AlertRuleCommon,
  AlertRuleInput,
  AlertStatus,
  ComparisonRule,
  HeadlineMetric,
  HourlyMetric,
  LastDelivery,
  NoOrdersRule,
  ThresholdRule,
} from './alerts.js';
export type { Batch, CartpulseEvent, EventType, IngestResult, Item, Props } from './events.js';
export type { OrderInput, OrderStatus } from './orders.js';
export type { NewShareLink, ShareLink, ShareLinkList } from './shares.js';
export type {
  NewServerKey,
  RefusedSite,
  RefusedSiteList,
  ServerKey,
  ServerKeyList,
  Site,
  SiteInput,
  SitePage,
  SiteQuery,
} from './sites.js';
export type {
  BreakdownRow,
  CartStage,
  Coverage,
  DayHours,
  DayNumbers,
  Dimension,
  Filter,
  RecentEvent,
  Snapshot,
  StreamTicket,
} from './snapshot.js';
