import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, dashboardRoutes } from './dashboard.js';

describe('dashboard routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app-x1.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-x1.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'no');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const app = dashboardRoutes({ dir });

  it('serves the page at / and at /share/<token> with a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/share/cps_0123456789abcdef_secret']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain('/assets/app-x1.js');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('serves hashed assets for a year, and nothing outside the assets folder', async () => {
    const asset = await app.request('/assets/app-x1.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of [
      '/assets/..%2Fsecret.txt',
      '/assets/..%2Findex.html',
      '/assets/missing.js',
      '/assets/x.txt',
    ])
      expect((await app.request(path)).status, path).toBe(404);
  });

  it('says how to build the page when it is missing', async () => {
    const response = await dashboardRoutes({ dir: join(dir, 'nowhere') }).request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
