/**
 * The options in use, shared by every module of the tracker. Empty until `init`; `site` set means
 * started.
 */
import type { Config } from './options.js';

export const config = {} as Config;

/**
 * This page's id: about 11 random letters and digits (56 bits: ids only need to differ within a site
 * for the collector's dedupe horizon). Prefixes its event ids, names its stored outbox, and becomes the
 * visitor or session id when a new one is needed (`storage: 'local'`).
 */
export const page: string = Math.random().toString(36).slice(2);
