/** A native select over a page of sites (at most SITES_PAGE), always offering the site on screen. */
import type { Site } from '../api.js';
import { siteLabel } from '../format.js';

interface SiteSelectProps {
  sites: Site[];
  site: Site;
  onChange(site: Site): void;
}

export function SiteSelect({ sites, site, onChange }: SiteSelectProps) {
  // The site on screen may lie outside the page listed (a search for another name): keep it selectable.
  const options = sites.some((entry) => entry.id === site.id) ? sites : [site, ...sites];
  return (
    <select
      value={site.id}
      onChange={(event) => {
        const chosen = options.find((entry) => entry.id === (event.currentTarget as HTMLSelectElement).value);
        if (chosen) onChange(chosen);
      }}
    >
      {options.map((entry) => (
        <option key={entry.id} value={entry.id}>
          {siteLabel(entry)}
        </option>
      ))}
    </select>
  );
}
