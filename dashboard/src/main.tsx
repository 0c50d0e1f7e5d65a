/** Entry point of the dashboard bundle (`dashboard/dist/assets/app-<hash>.js`). */
import { render } from 'preact';
import { App } from './App.js';
import type { BrowserEnv } from './credentials.js';

/** Storage that may be unavailable (privacy modes throw on access): fall back to memory. */
function storage(pick: () => Storage): BrowserEnv['session'] {
  try {
    const store = pick();
    store.getItem('cartpulse.probe');
    return store;
  } catch {
    const items = new Map<string, string>();
    return {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
  }
}

const env: BrowserEnv = {
  location: window.location,
  history: window.history,
  session: storage(() => window.sessionStorage),
  local: storage(() => window.localStorage),
};

const root = document.getElementById('app');
if (root) {
  root.textContent = ''; // the "Loading…" placeholder
  render(
    <App
      env={env}
      origin={window.location.origin}
      onHashChange={(listener) => {
        window.addEventListener('hashchange', listener);
        return () => window.removeEventListener('hashchange', listener);
      }}
    />,
    root,
  );
}
