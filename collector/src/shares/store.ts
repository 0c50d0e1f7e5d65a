/**
 * Share links: read-only tokens that open one site's live view (a screen in the office). Kept in one
 * Redis hash, `<keyPrefix>:shares`, field = share id, value = JSON with the site, the label, the creation
 * time and the SHA-256 of the secret (the secret itself is never stored: it is shown once, at creation).
 *
 * A share token reads `cps_<id>_<secret>`: the id finds the record in one HGET, the secret proves it.
 * Revoking deletes the record; tokens and stream tickets issued for it stop working at once (open
 * streams close at their next heartbeat).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ShareLink } from '@cartpulse/protocol';
import type { RedisClient } from '../redis/client.js';

/** A link as listed and as a share token's viewer: the protocol's type. */
export type { ShareLink };

export interface NewShareLink extends ShareLink {
  /** The share token, returned once. */
  token: string;
}

interface StoredShare extends ShareLink {
  /** SHA-256 of the secret, hex. */
  secret: string;
}

export interface ShareStore {
  create(site: string, label: string | undefined, now: number): Promise<NewShareLink>;
  /** Links of one site, or of every site, oldest first. */
  list(site?: string): Promise<ShareLink[]>;
  get(id: string): Promise<ShareLink | null>;
  /** True when a link was deleted. */
  revoke(id: string): Promise<boolean>;
  /** The link a share token opens, or null (unknown, revoked, wrong secret, not a share token). */
  resolve(token: string): Promise<ShareLink | null>;
}

export const SHARE_TOKEN_PREFIX = 'cps_';
const TOKEN = /^cps_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;

export const isShareToken = (token: string) => token.startsWith(SHARE_TOKEN_PREFIX);
export const sharesKey = (keyPrefix: string) => `${keyPrefix}:shares`;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const publicPart = ({ id, site, label, createdAt }: StoredShare): ShareLink =>
  label === undefined ? { id, site, createdAt } : { id, site, label, createdAt };

function parse(json: string | null): StoredShare | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredShare;
  } catch {
    return null;
  }
}

export function shareStore(redis: RedisClient, keyPrefix: string): ShareStore {
  const key = sharesKey(keyPrefix);
  return {
    async create(site, label, now) {
      const id = randomBytes(8).toString('hex');
      const secret = randomBytes(24).toString('base64url');
      const record: StoredShare = { id, site, createdAt: now, secret: digest(secret) };
      if (label) record.label = label;
      await redis.hset(key, id, JSON.stringify(record));
      return { ...publicPart(record), token: `${SHARE_TOKEN_PREFIX}${id}_${secret}` };
    },
    async list(site) {
      const all = Object.values(await redis.hgetall(key))
        .map(parse)
        .filter(
          (share): share is StoredShare => share !== null && (site === undefined || share.site === site),
        );
      return all.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map(publicPart);
    },
    async get(id) {
      const share = parse(await redis.hget(key, id));
      return share && publicPart(share);
    },
    async revoke(id) {
      return (await redis.hdel(key, id)) > 0;
    },
    async resolve(token) {
      const match = TOKEN.exec(token);
      if (!match) return null;
      const share = parse(await redis.hget(key, match[1]));
      if (!share) return null;
      const given = Buffer.from(digest(match[2]), 'hex');
      const expected = Buffer.from(share.secret, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected) ? publicPart(share) : null;
    },
  };
}
