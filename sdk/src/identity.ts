/**
 * Opt-in identity (`storage: 'local'`): a random visitor id kept in localStorage, and a session id that a
 * gap of 30 minutes without events replaces. Without the option nothing here runs.
 */
import { page } from './config.js';
import type { CartpulseEvent } from './protocol.js';
import { storage, store } from './storage.js';

export const SESSION_TIMEOUT_MS = 18e5;

export function identify(event: CartpulseEvent): void {
  const now = event.ts!;
  // 'cp.id' holds "<visitor id>.<session id>.<time of the last event>"; a new id is this page's id.
  const [visitor, session, last] = (storage()?.['cp.id'] || '').split('.');
  event.vid = visitor || page;
  event.sid = now - +last < SESSION_TIMEOUT_MS ? session : page;
  store('cp.id', [event.vid, event.sid, now].join('.'));
}
