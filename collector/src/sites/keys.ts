/**
 * Server keys: what the shop's backend sends orders to `POST /ingest/orders` with. A key reads
 * `cpk_<43 characters>` (32 random bytes, base64url), is shown once at creation, and only its SHA-256 is
 * stored: in the registry's hash `<prefix>:{registry}:serverkeys` (key id → JSON of the site, the creation
 * time and the digest), beside the sites under the same hash tag, so a key and the registry's version bump
 * go in one MULTI and each collector keeps the keys in memory with the sites (`registry.ts`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { NewServerKey, ServerKey } from '@cartpulse/protocol';

export type { NewServerKey, ServerKey };

/** Not `cps_`, which share tokens start with: a key and a share token are told apart at a glance. */
export const SERVER_KEY_PREFIX = 'cpk_';
const KEY = /^cpk_[A-Za-z0-9_-]{43}$/;
export const KEY_ID = /^[0-9a-f]{12}$/;

export const serverKeysKey = (keyPrefix: string) => `${keyPrefix}:{registry}:serverkeys`;

/** A key as stored: never the key itself. */
export interface StoredServerKey extends ServerKey {
  site: string;
  /** SHA-256 of the key, hex. */
  sha256: string;
}

export const serverKeyDigest = (key: string) => createHash('sha256').update(key).digest('hex');

/** Whether a bearer token has the shape of a server key (anything else is no key at all). */
export const isServerKey = (token: string) => KEY.test(token);

export function newServerKey(site: string, now: number): { stored: StoredServerKey; answer: NewServerKey } {
  const id = randomBytes(6).toString('hex');
  const key = `${SERVER_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { stored: { id, site, createdAt: now, sha256: serverKeyDigest(key) }, answer: { id, key } };
}

export const listedKey = ({ id, createdAt }: StoredServerKey): ServerKey => ({ id, createdAt });

export function parseStoredKey(json: string | null): StoredServerKey | null {
  if (!json) return null;
  try {
    const key = JSON.parse(json) as StoredServerKey;
    return typeof key?.id === 'string' && typeof key.site === 'string' && typeof key.sha256 === 'string'
      ? key
      : null;
  } catch {
    return null;
  }
}
