/** "Live · updated N s ago": a stale screen must never look like a quiet shop. */
import { ago } from '../format.js';
import type { LiveStatus } from '../live.js';

const STATUS_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Reconnecting (polling)',
  offline: 'Offline',
};

interface FreshnessProps {
  status: LiveStatus;
  /** Local time the numbers were last confirmed current, or null before the first snapshot. */
  updatedAt: number | null;
  now: number;
}

export function Freshness({ status, updatedAt, now }: FreshnessProps) {
  return (
    <p class="freshness" data-status={status} data-updated-at={updatedAt === null ? '' : String(updatedAt)}>
      <span class="dot" aria-hidden="true" />
      <span role="status">{STATUS_TEXT[status]}</span>
      {updatedAt !== null && <span class="updated"> · updated {ago(updatedAt, now)}</span>}
    </p>
  );
}
