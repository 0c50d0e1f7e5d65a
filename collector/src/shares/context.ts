/** The share store of a running collector, one per app context (on its reader connection). */
import type { AppContext } from '../context.js';
import { type ShareStore, shareStore } from './store.js';

const stores = new WeakMap<AppContext, ShareStore>();

export function sharesFor(ctx: AppContext): ShareStore {
  let store = stores.get(ctx);
  if (!store) {
    store = shareStore(ctx.reader, ctx.options.keyPrefix);
    stores.set(ctx, store);
  }
  return store;
}
