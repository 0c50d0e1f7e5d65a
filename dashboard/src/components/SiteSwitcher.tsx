/** Picks the site on screen; a plain label when there is only one. */
interface SiteSwitcherProps {
  sites: string[];
  site: string;
  onChange(site: string): void;
}

export function SiteSwitcher({ sites, site, onChange }: SiteSwitcherProps) {
  if (sites.length <= 1) {
    return (
      <span class="site-name" data-site={site}>
        {site}
      </span>
    );
  }
  return (
    <label class="site-switcher">
      <span class="visually-hidden">Site</span>
      <select value={site} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {sites.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
}
