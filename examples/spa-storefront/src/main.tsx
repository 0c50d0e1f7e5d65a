/**
 * Entry point of the SPA bundle (`examples/spa-storefront/dist/app.js`): Cartpulse from npm
 * (`@cartpulse/sdk`), started once; every later route change is a pageview the SDK records by itself.
 */
import { init } from '@cartpulse/sdk';
import { render } from 'preact';
import { App } from './app.js';
import { CartStore, type KeyValue } from './cart.js';
import { readConfig } from './config.js';
import { startRouter } from './router.js';

function localStore(): KeyValue {
  try {
    localStorage.getItem('northwind.probe');
    return localStorage;
  } catch {
    const items = new Map<string, string>();
    return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
  }
}

startRouter();
const config = readConfig(document);
if (config) init(config);
const root = document.getElementById('app');
const dashboardUrl = config ? new URL('/', config.endpoint).href : '/';
if (root) render(<App store={new CartStore(localStore())} dashboardUrl={dashboardUrl} />, root);
