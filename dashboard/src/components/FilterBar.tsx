/**
 * The filter on screen: a chip ("Channel: Email ×") whose button removes it, and a word on what the
 * numbers are while the filtered snapshot is on its way, or when the collector did not apply it.
 */
import { filterLabel } from '../breakdowns.js';
import { filterKey } from '../filter.js';
import type { Filter } from '../snapshot.js';

interface FilterBarProps {
  filter: Filter;
  /** The numbers on screen are still those from before the filter changed. */
  updating: boolean;
  /** The snapshot on screen echoes this filter; false when the collector answered unfiltered numbers. */
  applied: boolean;
  onClear(): void;
}

export function FilterBar({ filter, updating, applied, onClear }: FilterBarProps) {
  const label = filterLabel(filter);
  return (
    <div class="filter-bar">
      <span class="muted">Only sessions from</span>
      <span class="chip" data-filter={filterKey(filter)}>
        <span class="chip-label" title={label}>
          {label}
        </span>
        <button type="button" aria-label={`Remove filter ${label}`} title="Remove filter" onClick={onClear}>
          ×
        </button>
      </span>
      {updating ? (
        <span class="muted" role="status">
          Loading…
        </span>
      ) : (
        !applied && (
          <span class="problem" role="status">
            This collector did not apply the filter: the numbers are for all sessions.
          </span>
        )
      )}
    </div>
  );
}
