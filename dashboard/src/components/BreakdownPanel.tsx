/**
 * A panel of one or more breakdowns. With several (channels, sources, campaigns) they are tabs: one list
 * shows at a time, so the panel keeps the size of the others in the grid. Tabs follow the WAI-ARIA
 * pattern: one stop for Tab, the arrow keys, Home and End move between them.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { breakdownRows } from '../breakdowns.js';
import { windowLabel } from '../format.js';
import type { Dimension, Filter, Snapshot } from '../snapshot.js';
import { BreakdownList } from './BreakdownList.js';

export interface BreakdownTab {
  dimension: Dimension;
  label: string;
  empty: string;
}

interface BreakdownPanelProps {
  /** Names the panel; shown as its heading when there is a single tab. */
  title: string;
  tabs: BreakdownTab[];
  snapshot: Snapshot;
  onFilter(filter: Filter): void;
  locale?: string;
  /** The tab shown first. @default 0 */
  initialTab?: number;
  /** Shown under the list (a data source's credit). */
  note?: ComponentChildren;
}

const STEP: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

export function BreakdownPanel({
  title,
  tabs,
  snapshot,
  onFilter,
  locale,
  initialTab = 0,
  note,
}: BreakdownPanelProps) {
  const [selected, setSelected] = useState(initialTab);
  const tab = tabs[selected] ?? tabs[0];
  const id = `breakdown-${tabs[0].dimension}`;
  const window = <span class="window">{windowLabel(snapshot.windows.commerceMs)}</span>;
  const list = (
    <BreakdownList
      dimension={tab.dimension}
      rows={breakdownRows(snapshot, tab.dimension)}
      empty={tab.empty}
      onFilter={onFilter}
      locale={locale}
    />
  );
  if (tabs.length === 1)
    return (
      <section class="panel breakdown-panel" aria-labelledby={id}>
        <h2 id={id}>
          {title} {window}
        </h2>
        {list}
        {note}
      </section>
    );

  const onKeyDown = (event: KeyboardEvent) => {
    const step = STEP[event.key];
    if (!step) return;
    event.preventDefault();
    const next = step(selected, tabs.length);
    setSelected(next);
    const buttons = (event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="tab"]');
    buttons[next]?.focus();
  };
  return (
    <section class="panel breakdown-panel" aria-label={title}>
      <div class="tabs-head">
        <span role="tablist" aria-label={title} onKeyDown={onKeyDown}>
          {tabs.map((each, index) => (
            <button
              key={each.dimension}
              type="button"
              role="tab"
              id={`${id}-tab-${each.dimension}`}
              aria-selected={index === selected}
              aria-controls={`${id}-panel`}
              tabIndex={index === selected ? 0 : -1}
              onClick={() => setSelected(index)}
            >
              {each.label}
            </button>
          ))}
        </span>{' '}
        {window}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab.dimension}`}>
        {list}
      </div>
      {note}
    </section>
  );
}
