/**
 * Share links on the wire (docs/protocol.md, "Share links"): read-only tokens that open one site's live
 * view. Answers of `GET /api/shares` and `POST /api/shares`.
 */

/** A share link as listed: never with its token. */
export interface ShareLink {
  id: string;
  site: string;
  /** Up to 64 characters, such as `Office TV`. */
  label?: string;
  /** Epoch ms (server clock). */
  createdAt: number;
}

/** The answer to `POST /api/shares`: the only time the token is shown. */
export interface NewShareLink extends ShareLink {
  /** The share token, `cps_<id>_<secret>`. */
  token: string;
  /** The read-only dashboard: `/share/<token>`. */
  path: string;
}

/** The answer to `GET /api/shares`, oldest first. */
export interface ShareLinkList {
  shares: ShareLink[];
}
