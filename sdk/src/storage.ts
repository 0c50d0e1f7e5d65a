/**
 * localStorage that never throws: Safari's private mode, blocked cookies (where merely reading
 * `localStorage` throws) and a full quota all end up as "nothing stored", never as an error in the page.
 * Looked up on each use, never at import time (server-side rendering has none).
 */

/** localStorage, or undefined where it is unavailable. */
export function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {}
}

/**
 * Stores `value` (a number as a string), or removes the key when `value` is empty: absent, '' or 0.
 * Items are Storage's properties: `storage[key] = value` is `setItem`, `delete storage[key]` is
 * `removeItem`, and both throw as those do.
 */
export function store(key: string, value?: string | number): void {
  try {
    value ? (storage()![key] = value as string) : delete storage()![key];
  } catch {}
}
