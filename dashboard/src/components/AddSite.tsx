/**
 * Registers a site (`POST /api/sites`): id, name, time zone and allowed origins. The Register button of a
 * refused-events banner pre-fills the id.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api, Site } from '../api.js';
import { browserTimeZone, type SiteFields, SITE_ID_PATTERN, siteInput, timeZoneNames } from '../site-form.js';

/** An id to pre-fill; a new object each time, so that asking twice for the same id fills it again. */
export interface Prefill {
  id: string;
}

interface AddSiteProps {
  api: Pick<Api, 'addSite'>;
  prefill: Prefill | null;
  onAdded(result: { site: Site; replaced: boolean }): void;
  /** The time-zone list; empty: a text field. @default timeZoneNames() */
  timeZones?: string[];
  /** Preselected time zone. @default the browser's */
  timeZone?: string;
}

const blank = (timezone: string): SiteFields => ({ id: '', name: '', timezone, origins: '' });
const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

export function AddSite({
  api,
  prefill,
  onAdded,
  timeZones = timeZoneNames(),
  timeZone = browserTimeZone(),
}: AddSiteProps) {
  const [fields, setFields] = useState<SiteFields>(() => ({ ...blank(timeZone), id: prefill?.id ?? '' }));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (prefill) setFields((now) => ({ ...now, id: prefill.id }));
  }, [prefill]);

  // Some 400 options, built once per list rather than on every keystroke in the other fields.
  const zoneOptions = useMemo(
    () =>
      (timeZones.includes(timeZone) ? timeZones : [timeZone, ...timeZones]).map((zone) => (
        <option key={zone} value={zone}>
          {zone}
        </option>
      )),
    [timeZones, timeZone],
  );
  const set = (name: keyof SiteFields) => (event: Event) =>
    setFields((now) => ({ ...now, [name]: valueOf(event) }));

  return (
    <form
      class="add-site"
      onSubmit={async (event) => {
        event.preventDefault();
        const checked = siteInput(fields);
        if (!checked.ok) return setProblem(checked.problem);
        setBusy(true);
        try {
          const result = await api.addSite(checked.value);
          setFields(blank(timeZone));
          setProblem(null);
          onAdded(result);
        } catch (error) {
          setProblem(`Could not register ${checked.value.id}: ${(error as Error).message}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>Register a site</h2>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <label>
        Id <span class="muted">(the snippet's data-site)</span>
        <input
          name="id"
          required
          maxLength={64}
          pattern={SITE_ID_PATTERN}
          title='1 to 64 letters, digits, ".", "_", ":" or "-"'
          autocomplete="off"
          spellcheck={false}
          placeholder="my-shop"
          value={fields.id}
          onInput={set('id')}
        />
      </label>
      <label>
        Name <span class="muted">(optional)</span>
        <input name="name" maxLength={128} placeholder="My Shop" value={fields.name} onInput={set('name')} />
      </label>
      <label>
        Time zone <span class="muted">(for "today")</span>
        {timeZones.length ? (
          <select name="timezone" value={fields.timezone} onChange={set('timezone')}>
            {zoneOptions}
          </select>
        ) : (
          <input
            name="timezone"
            placeholder="Europe/Berlin"
            spellcheck={false}
            value={fields.timezone}
            onInput={set('timezone')}
          />
        )}
      </label>
      <label>
        Origins <span class="muted">(one per line; none: any origin)</span>
        <textarea
          name="origins"
          rows={3}
          spellcheck={false}
          placeholder={'https://shop.example\nhttps://www.shop.example'}
          value={fields.origins}
          onInput={set('origins')}
        />
      </label>
      <button type="submit" disabled={busy}>
        Register
      </button>
    </form>
  );
}
