const MAX_PATH_CHARS = 512;

/**
 * The path that top pages count: no origin, no query string. A hash route (`#/cart`, `#!/cart`) is kept,
 * since hash-routed shops have no other path.
 */
export function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relative.invalid');
  } catch {
    return undefined;
  }
  const hashRoute = /^#!?\//.test(parsed.hash) ? parsed.hash.split('?')[0] : '';
  return (parsed.pathname + hashRoute).slice(0, MAX_PATH_CHARS);
}
