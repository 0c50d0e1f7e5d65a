/**
 * The Alerts panel for the site on screen (collector token only): its rules with their states (ok,
 * firing, failing), the latest evaluation and delivery, a Remove button each, and the form that adds one.
 */
import { type AlertEntry, describeRule, webhookHost } from '../alerts.js';
import { useState } from 'preact/hooks';
import { type Api, HttpError } from '../api.js';
import { ago } from '../format.js';
import { AddAlert } from './AddAlert.js';

interface AlertsProps {
  api: Pick<Api, 'addAlert' | 'removeAlert'>;
  site: string;
  /** The site's rules, as last read. */
  alerts: AlertEntry[];
  serverNow: number;
  /** A rule was added or removed: the page reads them again. */
  onChanged(): void;
}

export function Alerts({ api, site, alerts, serverNow, onChanged }: AlertsProps) {
  const firing = alerts.filter((alert) => alert.firing).length;
  const [problem, setProblem] = useState<string | null>(null);
  const remove = async (id: string) => {
    try {
      await api.removeAlert(id);
    } catch (error) {
      // one already gone counts as removed
      if (!(error instanceof HttpError && error.status === 404))
        return setProblem(`Could not remove the alert: ${(error as Error).message}`);
    }
    setProblem(null);
    onChanged();
  };
  return (
    <details class="panel alerts">
      <summary>
        Alerts for {site}{' '}
        <span class="muted">
          · {alerts.length} {alerts.length === 1 ? 'rule' : 'rules'}
          {firing > 0 && `, ${firing} firing`}
        </span>
      </summary>
      <p>
        A rule posts to its webhook when something needs you, and again when it is over. Rules are checked
        every 15 s.
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {alerts.length > 0 && (
        <ul class="alert-list">
          {alerts.map((alert) => (
            <li key={alert.id} data-alert-id={alert.id} data-state={alert.state}>
              <span class="alert-state" data-state={alert.state}>
                {alert.state}
              </span>{' '}
              <span>{describeRule(alert)}</span>{' '}
              <span class="muted">
                → {webhookHost(alert.webhook)} ({alert.format}){alert.detail && ` · ${alert.detail}`}
                {alert.lastDelivery &&
                  ` · last ${alert.lastDelivery.state} ${alert.lastDelivery.ok ? 'delivered' : `failed (${alert.lastDelivery.error})`} ${ago(alert.lastDelivery.at, serverNow)}`}
              </span>{' '}
              <button type="button" onClick={() => remove(alert.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddAlert api={api} site={site} onAdded={() => onChanged()} />
    </details>
  );
}
