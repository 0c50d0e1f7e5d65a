/**
 * Adds an alert rule to the site on screen (`POST /api/alerts`): the kind, its numbers (blank: the
 * collector's defaults), the webhook and its format. The collector says why it refuses a rule.
 */
import { useState } from 'preact/hooks';
import {
  type AlertFields,
  type AlertKind,
  type AlertRule,
  alertInput,
  blankAlert,
  HEADLINE_METRICS,
  HOURLY_METRICS,
} from '../alerts.js';
import type { Api } from '../api.js';

interface AddAlertProps {
  api: Pick<Api, 'addAlert'>;
  site: string;
  onAdded(rule: AlertRule): void;
}

const KINDS: [AlertKind, string][] = [
  ['no_orders', 'No orders while carts fill'],
  ['drop', 'Drop against last week'],
  ['spike', 'Spike against last week'],
  ['threshold', 'A number above or below a limit'],
];

const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

export function AddAlert({ api, site, onAdded }: AddAlertProps) {
  const [fields, setFields] = useState<AlertFields>(blankAlert);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof AlertFields) => (event: Event) =>
    setFields((now) => ({ ...now, [name]: valueOf(event) }));
  const number = (name: keyof AlertFields, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={name}
        inputMode="decimal"
        placeholder={placeholder}
        value={fields[name]}
        onInput={set(name)}
      />
    </label>
  );
  const metrics = fields.kind === 'threshold' ? HEADLINE_METRICS : HOURLY_METRICS;
  const amount = fields.metric === 'revenue' || fields.metric === 'averageOrderValue';

  return (
    <form
      class="add-alert"
      onSubmit={async (event) => {
        event.preventDefault();
        const checked = alertInput(site, fields);
        if (!checked.ok) return setProblem(checked.problem);
        setBusy(true);
        try {
          const rule = await api.addAlert(checked.value);
          setFields(blankAlert());
          setProblem(null);
          onAdded(rule);
        } catch (error) {
          setProblem(`Could not add the alert: ${(error as Error).message}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>Add an alert</h3>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <label>
        When
        <select
          name="kind"
          value={fields.kind}
          onChange={(event) => setFields({ ...fields, kind: valueOf(event) as AlertKind, metric: '' })}
        >
          {KINDS.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {fields.kind === 'no_orders' ? (
        <>
          {number('minutes', 'No order for (minutes)', '20')}
          {number('minAddToCarts', 'While at least (add-to-carts)', '5')}
        </>
      ) : (
        <label>
          Number
          <select name="metric" value={fields.metric || metrics[0]} onChange={set('metric')}>
            {metrics.map((metric) => (
              <option key={metric} value={metric}>
                {metric}
              </option>
            ))}
          </select>
        </label>
      )}
      {(fields.kind === 'drop' || fields.kind === 'spike') &&
        number('percent', '% of the same hour last week', fields.kind === 'drop' ? '50' : '200')}
      {fields.kind === 'threshold' && (
        <>
          <label>
            Is
            <select name="direction" value={fields.direction} onChange={set('direction')}>
              <option value="below">below</option>
              <option value="above">above</option>
            </select>
          </label>
          {number('limit', 'The limit', '1')}
          {number('minutes', 'For (minutes)', '5')}
          {amount && (
            <label>
              Currency <span class="muted">(blank: the first the site sells in)</span>
              <input
                name="currency"
                maxLength={3}
                placeholder="EUR"
                value={fields.currency}
                onInput={set('currency')}
              />
            </label>
          )}
        </>
      )}
      <label>
        Webhook <span class="muted">(http:// or https://)</span>
        <input
          name="webhook"
          type="url"
          required
          spellcheck={false}
          placeholder="https://hooks.slack.com/services/…"
          value={fields.webhook}
          onInput={set('webhook')}
        />
      </label>
      <label>
        Format
        <select name="format" value={fields.format} onChange={set('format')}>
          <option value="json">JSON, signed</option>
          <option value="slack">Slack, Mattermost, Discord (text)</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        Add alert
      </button>
    </form>
  );
}
