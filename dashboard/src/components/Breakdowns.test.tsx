import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { sampleSnapshot } from '../testing/sample.js';
import { BreakdownPanel } from './BreakdownPanel.js';
import { Breakdowns } from './Breakdowns.js';

const tabs = [
  { dimension: 'channel' as const, label: 'Channels', empty: 'none' },
  { dimension: 'source' as const, label: 'Sources', empty: 'none' },
  { dimension: 'campaign' as const, label: 'Campaigns', empty: 'No campaigns.' },
];

describe('BreakdownPanel', () => {
  it('shows one list at a time under tabs, the chosen one selected and the only Tab stop', () => {
    const markup = html(
      <BreakdownPanel title="Traffic sources" tabs={tabs} snapshot={sampleSnapshot()} onFilter={() => {}} />,
    );
    expect(markup).toContain('role="tablist"');
    expect(markup.match(/role="tab"/g)).toHaveLength(3);
    expect(markup).toMatch(/aria-selected="true"[^>]*>Channels</);
    expect(markup).toMatch(/aria-selected="false"[^>]*tabindex="-1"[^>]*>Sources</);
    expect(markup).toContain('data-breakdown="channel"');
    expect(markup).not.toContain('data-breakdown="source"');
    expect(text(markup)).toContain('15 min');
  });

  it('shows the chosen tab, and its own empty text', () => {
    const sources = html(
      <BreakdownPanel title="T" tabs={tabs} snapshot={sampleSnapshot()} onFilter={() => {}} initialTab={1} />,
    );
    expect(sources).toContain('data-breakdown="source"');
    const campaigns = html(
      <BreakdownPanel title="T" tabs={tabs} snapshot={sampleSnapshot()} onFilter={() => {}} initialTab={2} />,
    );
    expect(text(campaigns)).toContain('No campaigns.');
  });

  it('is a plain heading with a single breakdown', () => {
    const markup = html(
      <BreakdownPanel
        title="Countries"
        tabs={[{ dimension: 'country', label: 'Countries', empty: 'none' }]}
        snapshot={sampleSnapshot()}
        onFilter={() => {}}
      />,
    );
    expect(markup).not.toContain('role="tab');
    expect(markup).toMatch(/<h2[^>]*>Countries /);
  });
});

describe('Breakdowns', () => {
  it('shows traffic sources, countries, technology and entry pages', () => {
    const shown = text(html(<Breakdowns snapshot={sampleSnapshot()} filter={null} onFilter={() => {}} />));
    for (const part of [
      'Channels',
      'Sources',
      'Campaigns',
      'Countries',
      'Devices',
      'Browsers',
      'OS',
      'Entry pages',
    ])
      expect(shown).toContain(part);
    // the country database's licence (CC BY 4.0) asks for its credit where its results show
    expect(shown).toContain('IP geolocation by DB-IP');
  });

  it('is left out for a collector that sends no breakdowns, or none with rows', () => {
    const old = sampleSnapshot();
    delete old.breakdowns;
    expect(html(<Breakdowns snapshot={old} filter={null} onFilter={() => {}} />)).toBe('');
    const off = sampleSnapshot({
      breakdowns: Object.fromEntries(tabs.map((tab) => [tab.dimension, []])) as never,
    });
    expect(html(<Breakdowns snapshot={off} filter={null} onFilter={() => {}} />)).toBe('');
  });

  it('says why the breakdowns are gone in a filtered view', () => {
    const filter = { dimension: 'channel' as const, value: 'Email' };
    const markup = html(
      <Breakdowns snapshot={sampleSnapshot({ filter })} filter={filter} onFilter={() => {}} />,
    );
    expect(text(markup)).toContain('remove the filter to see them');
    expect(markup).not.toContain('data-breakdown');
  });
});
