/**
 * Countries as people read them: a flag and an English name from an ISO 3166-1 alpha-2 code. The flag is
 * the pair of regional-indicator letters that systems draw as one emoji, and the names come from the
 * browser (`Intl.DisplayNames`), so no table of countries is shipped in the bundle.
 */

/** The collector's word for a session whose country is unknown. */
export const NOT_SET = '(not set)';

const CODE = /^[A-Za-z]{2}$/;
/** Regional indicator symbol letter A; the 25 letters after it follow in order. */
const INDICATOR_A = 0x1f1e6;

/** `DE` → 🇩🇪; anything that is not a two-letter code → `''`. */
export function flag(code: string): string {
  if (!CODE.test(code)) return '';
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => INDICATOR_A + c.charCodeAt(0) - 65));
}

let regionNames: Intl.DisplayNames | null | undefined;

/** `DE` → `Germany`; `(not set)` → `Unknown`; a code the browser cannot name shows as itself. */
export function countryName(code: string): string {
  if (code === NOT_SET) return 'Unknown';
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null; // a browser without Intl.DisplayNames
    }
  }
  if (!regionNames || !CODE.test(code)) return code;
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
