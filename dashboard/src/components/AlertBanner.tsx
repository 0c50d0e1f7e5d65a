/**
 * The site's firing alerts, above its numbers (collector token only: a share link never reads alerts).
 * A firing rule whose webhook is failing says so, since nobody may have been told.
 */
import { type AlertEntry, describeRule } from '../alerts.js';
import { ago } from '../format.js';

interface AlertBannerProps {
  alerts: AlertEntry[];
  /** Server time now: `since` is on the server's clock. */
  serverNow: number;
}

export function AlertBanner({ alerts, serverNow }: AlertBannerProps) {
  const firing = alerts.filter((alert) => alert.firing);
  if (firing.length === 0) return null;
  return (
    <section class="alerting" role="alert" aria-label="Firing alerts">
      <ul>
        {firing.map((alert) => (
          <li key={alert.id} data-alert-firing={alert.id}>
            <strong>{describeRule(alert)}</strong>{' '}
            <span class="muted">
              {alert.since !== null && `started ${ago(alert.since, serverNow)}`}
              {alert.detail && ` · ${alert.detail}`}
            </span>
            {alert.state === 'failing' && <span class="problem"> · its webhook is failing</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
