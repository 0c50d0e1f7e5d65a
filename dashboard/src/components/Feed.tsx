/** The latest events, newest first, capped, with times relative to the server clock. */
import { ago, displayPath, eventLabel } from '../format.js';
import type { RecentEvent } from '../snapshot.js';

/** Rows shown; the snapshot holds up to 50. @default 30 */
export const FEED_ROWS = 30;

export function describeEvent(event: RecentEvent): string {
  return event.path !== undefined ? displayPath(event.path) : (event.item ?? event.name ?? '');
}

interface FeedProps {
  recent: RecentEvent[];
  /** Server time now: the snapshot's `at` plus the time since it arrived, so client clock skew does not matter. */
  serverNow: number;
  limit?: number;
}

export function Feed({ recent, serverNow, limit = FEED_ROWS }: FeedProps) {
  const rows = recent.slice(0, limit);
  return (
    <section class="panel feed" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Live feed</h2>
      {rows.length === 0 ? (
        <p class="empty">No events yet.</p>
      ) : (
        <ol>
          {rows.map((event, index) => (
            <li key={`${event.t}:${index}`} data-type={event.type}>
              <span class={`event-type type-${event.type.replace(/[^a-z_]/g, '')}`}>
                {eventLabel(event.type)}
              </span>
              <span class="event-what" title={describeEvent(event)}>
                {describeEvent(event)}
              </span>
              <time dateTime={new Date(event.t).toISOString()}>{ago(event.t, serverNow)}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
