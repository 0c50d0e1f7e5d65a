import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkScriptRoutes } from './sdk-script.js';

describe('GET /cp.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-sdk-script-'));
  const file = join(dir, 'cartpulse.js');
  writeFileSync(file, '!function(){console.log("v1")}();');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const app = sdkScriptRoutes({ file });

  it('serves the script as JavaScript, cacheable, loadable from any origin', async () => {
    const response = await app.request('/cp.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('!function(){console.log("v1")}();');
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
  });

  it('answers 304 to a matching If-None-Match, 200 to another', async () => {
    const etag = (await app.request('/cp.js')).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await app.request('/cp.js', { headers: { 'If-None-Match': ifNoneMatch } });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(await response.text()).toBe('');
      expect(response.headers.get('etag')).toBe(etag);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    }
    const other = await app.request('/cp.js', { headers: { 'If-None-Match': '"stale"' } });
    expect(other.status).toBe(200);
  });

  it('sends it gzipped to browsers that accept gzip, under its own ETag', async () => {
    const plain = await app.request('/cp.js');
    const response = await app.request('/cp.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(await plain.text());
    expect(response.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const refused = await app.request('/cp.js', { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
  });

  it('answers HEAD without a body', async () => {
    const response = await app.request('/cp.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(await response.text()).toBe('');
  });

  it('serves a rebuilt script under a new ETag', async () => {
    const before = (await app.request('/cp.js')).headers.get('etag');
    writeFileSync(file, '!function(){console.log("v2")}();');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const response = await app.request('/cp.js');
    expect(await response.text()).toContain('v2');
    expect(response.headers.get('etag')).not.toBe(before);
  });

  it('says how to build the script when it is missing', async () => {
    const response = await sdkScriptRoutes({ file: join(dir, 'missing.js') }).request('/cp.js');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });

  it('serves the real build by default', async () => {
    const response = await sdkScriptRoutes().request('/cp.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^\(\(\)=>\{/);
  });
});
