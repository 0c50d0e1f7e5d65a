/**
 * Ids that sent events while unregistered (`GET /api/sites/refused`): most often a snippet installed
 * before its site was registered. Register pre-fills the add-site form with the id.
 */
import type { RefusedSite } from '../api.js';
import { ago, formatCount } from '../format.js';

interface RefusedBannerProps {
  /** Newest first. */
  refused: RefusedSite[];
  /** Server time now: `lastAt` is on the server's clock. */
  serverNow: number;
  onRegister(id: string): void;
  /** Ids shown before the rest fold away. @default 3 */
  shown?: number;
  locale?: string;
}

export function RefusedBanner({ refused, serverNow, onRegister, shown = 3, locale }: RefusedBannerProps) {
  if (refused.length === 0) return null;
  const rows = (entries: RefusedSite[]) => (
    <ul>
      {entries.map((entry) => (
        <li key={entry.site} data-refused={entry.site}>
          <span>
            Events for <code>{entry.site}</code> were refused: register it.
          </span>{' '}
          <span class="muted">
            {formatCount(entry.events, locale)} {entry.events === 1 ? 'event' : 'events'}, last{' '}
            {ago(entry.lastAt, serverNow)}
          </span>{' '}
          <button type="button" onClick={() => onRegister(entry.site)}>
            Register
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <section class="refused" aria-label="Refused events">
      {rows(refused.slice(0, shown))}
      {refused.length > shown && (
        <details>
          <summary>{formatCount(refused.length - shown, locale)} more refused ids</summary>
          {rows(refused.slice(shown))}
        </details>
      )}
    </section>
  );
}
