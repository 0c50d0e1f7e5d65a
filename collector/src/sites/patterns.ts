/**
 * `CARTPULSE_SITES` patterns: a site id, or a glob where `*` stands for any run of characters (`shop-*`).
 * `*` alone accepts every site, for local trials only.
 */
export type SitePattern = (site: string) => boolean;

export function compileSitePatterns(patterns: readonly string[]): SitePattern {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const pattern of patterns) {
    if (!pattern.includes('*')) exact.add(pattern);
    else
      globs.push(
        new RegExp(
          `^${pattern
            .split('*')
            .map((part) => part.replace(/[.?+^$|()[\]{}\\]/g, '\\$&'))
            .join('.*')}$`,
        ),
      );
  }
  return (site) => exact.has(site) || globs.some((glob) => glob.test(site));
}

export const acceptsAnySite = (patterns: readonly string[]) => patterns.includes('*');
