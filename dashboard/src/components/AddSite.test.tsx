import { describe, expect, it } from 'vitest';
import type { Api } from '../api.js';
import { SITE_ID_PATTERN } from '../site-form.js';
import { decode, html, text } from '../testing/render.js';
import { AddSite } from './AddSite.js';

const api = {} as Pick<Api, 'addSite'>;

describe('AddSite', () => {
  it("asks for the id with the collector's pattern, and for a name, a time zone and origins", () => {
    const markup = html(<AddSite api={api} prefill={null} onAdded={() => {}} />);
    const id = /<input[^>]*name="id"[^>]*>/.exec(markup)?.[0] ?? '';
    expect(id).toContain('required');
    expect(decode(/pattern="([^"]*)"/.exec(id)?.[1] ?? '')).toBe(SITE_ID_PATTERN);
    expect(markup).toContain('name="name"');
    expect(markup).toMatch(/<textarea[^>]*name="origins"/);
    expect(text(markup)).toContain('one per line; none: any origin');
    expect(markup).toContain('type="submit"');
  });

  it("offers the browser's time-zone list with the viewer's zone chosen, or a text field without a list", () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York'];
    const listed = html(
      <AddSite api={api} prefill={null} onAdded={() => {}} timeZones={zones} timeZone="Europe/Berlin" />,
    );
    expect(listed).toMatch(/<select[^>]*name="timezone"/);
    expect(listed.match(/<option /g)).toHaveLength(3);
    expect(listed).toMatch(/<option selected value="Europe\/Berlin"/);

    // A zone the list lacks (an alias such as Asia/Calcutta) is kept, not silently replaced.
    const alias = html(
      <AddSite api={api} prefill={null} onAdded={() => {}} timeZones={zones} timeZone="Asia/Calcutta" />,
    );
    expect(alias).toMatch(/<option selected value="Asia\/Calcutta"/);

    const typed = html(<AddSite api={api} prefill={null} onAdded={() => {}} timeZones={[]} timeZone="UTC" />);
    expect(typed).not.toContain('<select');
    expect(typed).toMatch(/<input[^>]*name="timezone"[^>]*value="UTC"/);
  });

  it('starts with the id of a Register button filled in', () => {
    const markup = html(<AddSite api={api} prefill={{ id: 'my-shop' }} onAdded={() => {}} />);
    expect(markup).toMatch(/<input[^>]*name="id"[^>]*value="my-shop"/);
  });
});
